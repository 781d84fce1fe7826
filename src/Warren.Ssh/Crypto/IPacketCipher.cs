namespace Warren.Ssh.Crypto;

/// <summary>
/// Protects one direction of the binary packet protocol (RFC 4253 §6): encryption and integrity
/// together, since the AEAD modes cannot separate them. Works in place on the caller's buffer and
/// allocates nothing per packet. Not thread-safe: one instance serves one direction of one
/// connection, used by one reader or one writer at a time.
/// </summary>
/// <remarks>
/// A packet in the buffer is <c>uint32 packet_length || byte padding_length || payload || padding</c>
/// followed by <see cref="TagSize"/> bytes for the MAC or AEAD tag.
/// </remarks>
public interface IPacketCipher : IDisposable
{
    /// <summary>Padding alignment in bytes (RFC 4253 §6: at least 8).</summary>
    int BlockSize { get; }

    /// <summary>Bytes of MAC or tag after the packet.</summary>
    int TagSize { get; }

    /// <summary>
    /// True when packet_length is outside the padded, aligned region: AEAD and encrypt-then-MAC
    /// modes (OpenSSH packet.c, "aadlen"). Then <c>1 + payload + padding</c> is the multiple of
    /// <see cref="BlockSize"/>; otherwise <c>4 + 1 + payload + padding</c> is.
    /// </summary>
    bool LengthExcludedFromPadding { get; }

    /// <summary>
    /// Bytes the receiver must have before <see cref="DecryptLength"/> can tell the packet length:
    /// 4, or the first cipher block when the length is encrypted with the payload.
    /// </summary>
    int LengthPrefixSize { get; }

    /// <summary>
    /// Encrypts <paramref name="packet"/> (from packet_length to the end of padding) in place and
    /// writes the MAC or tag into <paramref name="tag"/>.
    /// </summary>
    void Encrypt(uint sequenceNumber, Span<byte> packet, Span<byte> tag);

    /// <summary>
    /// Returns packet_length from the first <see cref="LengthPrefixSize"/> bytes. Modes that encrypt
    /// the first block with the payload decrypt it in place; the others leave the bytes as they are.
    /// The caller bounds-checks the value before reading the rest.
    /// </summary>
    uint DecryptLength(uint sequenceNumber, Span<byte> prefix);

    /// <summary>
    /// Checks the tag and decrypts the rest of <paramref name="packet"/> in place. Returns false,
    /// in time that does not depend on where the tag differs, when the tag is wrong; then the
    /// packet's contents are unspecified.
    /// </summary>
    bool TryDecrypt(uint sequenceNumber, Span<byte> packet, ReadOnlySpan<byte> tag);
}
