namespace Warren.Ssh.Crypto.Kex;

/// <summary>
/// The KEM half of a hybrid key exchange. One instance serves one run: the client generates a key
/// pair and later decapsulates; the server only encapsulates against the client's key.
/// </summary>
internal interface IPostQuantumKem : IDisposable
{
    /// <summary>Bytes of the encoded public (encapsulation) key.</summary>
    int PublicKeyLength { get; }

    /// <summary>Bytes of the ciphertext.</summary>
    int CiphertextLength { get; }

    /// <summary>Bytes of the KEM shared secret.</summary>
    int SecretLength { get; }

    /// <summary>Client: makes a key pair, keeps the private half, returns the public key.</summary>
    byte[] GenerateKeyPair();

    /// <summary>
    /// Server: encapsulates to <paramref name="publicKey"/> (exactly <see cref="PublicKeyLength"/>
    /// bytes) writing the ciphertext and the secret. False when the key fails validation.
    /// </summary>
    bool TryEncapsulate(ReadOnlySpan<byte> publicKey, Span<byte> ciphertext, Span<byte> secret);

    /// <summary>Client: recovers the secret from <paramref name="ciphertext"/>; false on malformed input.</summary>
    bool TryDecapsulate(ReadOnlySpan<byte> ciphertext, Span<byte> secret);
}
