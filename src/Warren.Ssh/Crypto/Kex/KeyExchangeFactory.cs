using System.Security.Cryptography;

namespace Warren.Ssh.Crypto.Kex;

/// <summary>
/// Creates the key exchange methods Warren implements. Each <see cref="IKeyExchange"/> returned is
/// a new, independent instance for one run of one connection, owned (and disposed) by the caller.
/// Thread-safe.
/// </summary>
/// <remarks>
/// Value encodings, as <see cref="IKeyExchange"/> states them: for methods with
/// <see cref="IKeyExchange.UsesMPInt"/> false (hybrids, curve25519, ECDH) Q_C and Q_S are the
/// contents of the <c>string</c>, without its uint32 length. For finite-field DH (true) e and f
/// are the value bytes of the <c>mpint</c>, also without the length: what
/// <see cref="Wire.SshReader.TryReadMPInt"/> yields and <see cref="Wire.SshWriter.WriteMPInt"/>
/// takes (f may start with a 0x00 sign byte, which WriteMPInt keeps minimal). The shared secret
/// is always the complete encoded K, length included, ready to append to the exchange hash.
/// </remarks>
public static class KeyExchangeFactory
{
    /// <summary>
    /// Every supported method name, in Warren's default preference order: post-quantum hybrids,
    /// then curve25519, NIST ECDH, and finite-field DH last.
    /// </summary>
    public static IReadOnlyList<string> SupportedAlgorithms { get; } = Array.AsReadOnly(
    [
        "mlkem768x25519-sha256",
        "sntrup761x25519-sha512",
        "sntrup761x25519-sha512@openssh.com",
        "curve25519-sha256",
        "curve25519-sha256@libssh.org",
        "ecdh-sha2-nistp256",
        "ecdh-sha2-nistp384",
        "ecdh-sha2-nistp521",
        "diffie-hellman-group16-sha512",
        "diffie-hellman-group14-sha256",
    ]);

    /// <summary>Creates a fresh instance of the method named <paramref name="name"/> (exact, case-sensitive).</summary>
    /// <exception cref="ArgumentException">The name is not one of <see cref="SupportedAlgorithms"/>.</exception>
    public static IKeyExchange Create(string name) => name switch
    {
        "mlkem768x25519-sha256" => new HybridKeyExchange(name, HashAlgorithmName.SHA256, new MLKem768()),
        "sntrup761x25519-sha512" or "sntrup761x25519-sha512@openssh.com" =>
            new HybridKeyExchange(name, HashAlgorithmName.SHA512, new SNtrup761()),
        "curve25519-sha256" or "curve25519-sha256@libssh.org" => new Curve25519KeyExchange(name),
        "ecdh-sha2-nistp256" => EcdhKeyExchange.NistP256(),
        "ecdh-sha2-nistp384" => EcdhKeyExchange.NistP384(),
        "ecdh-sha2-nistp521" => EcdhKeyExchange.NistP521(),
        "diffie-hellman-group16-sha512" => DiffieHellmanKeyExchange.Group16(),
        "diffie-hellman-group14-sha256" => DiffieHellmanKeyExchange.Group14(),
        _ => throw new ArgumentException($"Unknown key exchange method '{name}'.", nameof(name)),
    };
}
