using System.Buffers.Binary;

namespace Warren.Ssh.Crypto.Ciphers;

/// <summary>
/// The "none" cipher and MAC in force before the first SSH_MSG_NEWKEYS (RFC 4253 §6.3, §6.4).
/// Stateless, so one shared instance serves every connection.
/// </summary>
internal sealed class NoneCipher : IPacketCipher
{
    public static NoneCipher Instance { get; } = new();

    private NoneCipher()
    {
    }

    // RFC 4253 §6: the block size is 8 when no cipher is in use.
    public int BlockSize => 8;

    public int TagSize => 0;

    public bool LengthExcludedFromPadding => false;

    public int LengthPrefixSize => 4;

    public void Encrypt(uint sequenceNumber, Span<byte> packet, Span<byte> tag)
    {
    }

    public uint DecryptLength(uint sequenceNumber, Span<byte> prefix) =>
        BinaryPrimitives.ReadUInt32BigEndian(prefix);

    public bool TryDecrypt(uint sequenceNumber, Span<byte> packet, ReadOnlySpan<byte> tag) => tag.IsEmpty;

    public void Dispose()
    {
        // Shared and stateless: nothing to release.
    }
}
