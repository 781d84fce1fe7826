using Org.BouncyCastle.Crypto.Engines;

namespace Warren.Ssh.Crypto.Ciphers;

/// <summary>
/// BouncyCastle's original ChaCha20 with a nonce change that allocates nothing: Init takes a new
/// ParametersWithIV and copies the IV twice, once per packet; the protected SetKey with a null key
/// keeps the key and loads only the nonce words 14–15, and Reset restarts the counter at 0.
/// </summary>
internal sealed class ReusableChaChaEngine : ChaChaEngine
{
    /// <summary>Loads an 8-byte nonce and restarts at block 0; the engine must have been keyed by Init.</summary>
    public void SetNonce(byte[] nonce)
    {
        SetKey(null, nonce);
        Reset();
    }
}
