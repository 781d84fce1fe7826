using Warren.Ssh.Crypto.Kex;
using Warren.Ssh.Keys;
using Warren.Ssh.Transport;
using Warren.Ssh.Wire;

namespace Warren.Fuzz.Targets;

/// <summary>
/// The key exchange values a peer sends (RFC 4253 §8, RFC 5656 §4, RFC 8731, the hybrid KEMs).
/// The first input byte picks the method from <see cref="KeyExchangeFactory.SupportedAlgorithms"/>;
/// the rest is the message as it arrives.
/// </summary>
internal static class KexValueTargets
{
    private static readonly byte[] ExchangeHash = new byte[64];

    /// <summary>Server side: SSH_MSG_KEX*_INIT (<c>string Q_C</c> or <c>mpint e</c>), read as the transport reads it, then <c>TryRespond</c>.</summary>
    public static void RunInit(ReadOnlySpan<byte> data)
    {
        if (data.Length < 2)
        {
            return;
        }

        using var kex = KeyExchangeFactory.Create(Method(data[0]));
        var reader = new SshReader(data[1..]);
        if (!reader.TryReadString(out var clientValue) || reader.Remaining != 0)
        {
            return;
        }

        kex.TryRespond(clientValue, out _, out _);
    }

    /// <summary>
    /// Client side: SSH_MSG_KEX*_REPLY (<c>string K_S, string Q_S, string signature</c>) against a
    /// fresh client value, then <c>TryComplete</c> and the host key signature check with the
    /// host key algorithm the second byte picks.
    /// </summary>
    public static void RunReply(ReadOnlySpan<byte> data)
    {
        if (data.Length < 3)
        {
            return;
        }

        using var kex = KeyExchangeFactory.Create(Method(data[0]));
        var hostKeyAlgorithms = SshTransport.SupportedHostKeyAlgorithms;
        var hostKeyAlgorithm = hostKeyAlgorithms[data[1] % hostKeyAlgorithms.Count];
        kex.CreateClientValue();
        var reader = new SshReader(data[2..]);
        if (!reader.TryReadString(out var hostKeyBlob) || !reader.TryReadString(out var serverValue)
            || !reader.TryReadString(out var signature) || reader.Remaining != 0)
        {
            return;
        }

        kex.TryComplete(serverValue, out _);
        SignatureVerifier.Verify(hostKeyBlob, signature, ExchangeHash, hostKeyAlgorithm);
    }

    private static string Method(byte selector)
    {
        var methods = KeyExchangeFactory.SupportedAlgorithms;
        return methods[selector % methods.Count];
    }
}
