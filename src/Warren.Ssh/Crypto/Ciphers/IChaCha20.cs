namespace Warren.Ssh.Crypto.Ciphers;

/// <summary>
/// A keyed ChaCha20 keystream in D. J. Bernstein's original layout: 64-bit block counter in
/// state words 12–13, 64-bit nonce in words 14–15, which is what chacha20-poly1305@openssh.com
/// uses (PROTOCOL.chacha20poly1305). The key is fixed at construction.
/// </summary>
internal interface IChaCha20 : IDisposable
{
    /// <summary>
    /// Restarts the keystream at block 0 with the nonce <c>BE64(nonce)</c>, the SSH encoding of
    /// the sequence number as a uint64.
    /// </summary>
    void Reset(ulong nonce);

    /// <summary>
    /// XORs the next <c>input.Length</c> keystream bytes into <paramref name="output"/>, which may
    /// be the same memory as <paramref name="input"/>. Consecutive calls continue the stream.
    /// </summary>
    void Process(ReadOnlySpan<byte> input, Span<byte> output);
}
