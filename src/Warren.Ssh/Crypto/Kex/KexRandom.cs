using Org.BouncyCastle.Crypto.Prng;
using Org.BouncyCastle.Security;

namespace Warren.Ssh.Crypto.Kex;

/// <summary>
/// The BouncyCastle view of the OS CSPRNG. <see cref="CryptoApiRandomGenerator"/> forwards every
/// call to <see cref="System.Security.Cryptography.RandomNumberGenerator"/>, which is stateless and
/// thread-safe, so one instance serves all connections.
/// </summary>
internal static class KexRandom
{
    public static SecureRandom Instance { get; } = new(new CryptoApiRandomGenerator());
}
