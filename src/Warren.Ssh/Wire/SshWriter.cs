using System.Buffers.Binary;
using System.Text;

namespace Warren.Ssh.Wire;

/// <summary>
/// Writes RFC 4251 §5 data types into a caller-provided span. Running out of room is a bug in
/// the caller's sizing, not a network condition, so it throws.
/// </summary>
public ref struct SshWriter
{
    private readonly Span<byte> _buffer;
    private int _position;

    /// <summary>Starts writing at the first byte of <paramref name="buffer"/>.</summary>
    public SshWriter(Span<byte> buffer)
    {
        _buffer = buffer;
        _position = 0;
    }

    /// <summary>Bytes written so far.</summary>
    public readonly int Position => _position;

    /// <summary>The bytes written so far.</summary>
    public readonly ReadOnlySpan<byte> Written => _buffer[.._position];

    /// <summary>Writes one byte.</summary>
    public void WriteByte(byte value) => Reserve(1)[0] = value;

    /// <summary>Writes a boolean as 0 or 1.</summary>
    public void WriteBoolean(bool value) => WriteByte(value ? (byte)1 : (byte)0);

    /// <summary>Writes a big-endian uint32.</summary>
    public void WriteUInt32(uint value) => BinaryPrimitives.WriteUInt32BigEndian(Reserve(4), value);

    /// <summary>Writes a big-endian uint64.</summary>
    public void WriteUInt64(ulong value) => BinaryPrimitives.WriteUInt64BigEndian(Reserve(8), value);

    /// <summary>Writes raw bytes with no length prefix.</summary>
    public void WriteBytes(ReadOnlySpan<byte> value) => value.CopyTo(Reserve(value.Length));

    /// <summary>Writes a <c>string</c>: uint32 length, then the bytes.</summary>
    public void WriteString(ReadOnlySpan<byte> value)
    {
        WriteUInt32((uint)value.Length);
        WriteBytes(value);
    }

    /// <summary>Writes a <c>string</c> holding the UTF-8 encoding of <paramref name="value"/>.</summary>
    public void WriteUtf8(string value)
    {
        var length = Encoding.UTF8.GetByteCount(value);
        WriteUInt32((uint)length);
        Encoding.UTF8.GetBytes(value, Reserve(length));
    }

    /// <summary>Writes a name-list.</summary>
    public void WriteNameList(NameList value) => WriteUtf8(value.ToString());

    /// <summary>
    /// Writes an unsigned big-endian integer as an <c>mpint</c>: leading zero bytes dropped, and one
    /// zero byte added when the top bit is set so that the value stays positive (RFC 4251 §5).
    /// </summary>
    public void WriteMPInt(ReadOnlySpan<byte> unsignedBigEndian)
    {
        var start = 0;
        while (start < unsignedBigEndian.Length && unsignedBigEndian[start] == 0)
        {
            start++;
        }

        var value = unsignedBigEndian[start..];
        var pad = value.Length > 0 && (value[0] & 0x80) != 0;
        WriteUInt32((uint)(value.Length + (pad ? 1 : 0)));
        if (pad)
        {
            WriteByte(0);
        }

        WriteBytes(value);
    }

    /// <summary>Returns the next <paramref name="count"/> bytes for the caller to fill, and moves past them.</summary>
    public Span<byte> Reserve(int count)
    {
        if (count < 0 || count > _buffer.Length - _position)
        {
            throw new InvalidOperationException($"SshWriter needs {count} more bytes but has {_buffer.Length - _position}.");
        }

        var span = _buffer.Slice(_position, count);
        _position += count;
        return span;
    }

    /// <summary>Size of an mpint holding <paramref name="unsignedBigEndian"/>, length prefix included.</summary>
    public static int MPIntSize(ReadOnlySpan<byte> unsignedBigEndian)
    {
        var start = 0;
        while (start < unsignedBigEndian.Length && unsignedBigEndian[start] == 0)
        {
            start++;
        }

        var length = unsignedBigEndian.Length - start;
        return 4 + length + (length > 0 && (unsignedBigEndian[start] & 0x80) != 0 ? 1 : 0);
    }
}
