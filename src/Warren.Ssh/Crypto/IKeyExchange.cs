using System.Security.Cryptography;

namespace Warren.Ssh.Crypto;

/// <summary>
/// One run of a key exchange method, either side. The public values and the shared secret are
/// handed over already in their SSH encodings so that the transport can hash them without
/// knowing the method: <see cref="CreateClientValue"/> and the server value are the bytes of the
/// <c>string</c> (ECDH, KEM hybrids) or of the <c>mpint</c> (finite-field DH) sent in the
/// KEX init and reply messages; the shared secret is the whole encoded K (length prefix included),
/// an <c>mpint</c> for DH and ECDH and a <c>string</c> for the KEM hybrids.
/// </summary>
public interface IKeyExchange : IDisposable
{
    /// <summary>The method name, as negotiated.</summary>
    string Name { get; }

    /// <summary>The hash of the exchange hash H and of key derivation (RFC 4253 §7.2).</summary>
    HashAlgorithmName HashAlgorithm { get; }

    /// <summary>True when the public values travel as <c>mpint</c> rather than <c>string</c>.</summary>
    bool UsesMPInt { get; }

    /// <summary>Client side: makes the ephemeral key and returns Q_C (or e).</summary>
    byte[] CreateClientValue();

    /// <summary>
    /// Server side: checks the client's value and returns Q_S (or f) and the encoded shared secret.
    /// False (no exception) when the client value is malformed or yields a weak secret.
    /// </summary>
    bool TryRespond(ReadOnlySpan<byte> clientValue, out byte[] serverValue, out byte[] sharedSecret);

    /// <summary>Client side: checks the server's value and returns the encoded shared secret.</summary>
    bool TryComplete(ReadOnlySpan<byte> serverValue, out byte[] sharedSecret);
}
