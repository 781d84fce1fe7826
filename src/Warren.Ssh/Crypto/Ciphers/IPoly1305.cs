namespace Warren.Ssh.Crypto.Ciphers;

/// <summary>One-time-key Poly1305 (RFC 8439 §2.5) over one contiguous message.</summary>
internal interface IPoly1305 : IDisposable
{
    /// <summary>Writes the 16-byte tag of <paramref name="message"/> under the 32-byte <paramref name="key"/>.</summary>
    void Compute(ReadOnlySpan<byte> key, ReadOnlySpan<byte> message, Span<byte> tag);
}
