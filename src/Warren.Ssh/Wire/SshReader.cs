using System.Buffers.Binary;
using System.Text;

namespace Warren.Ssh.Wire;

/// <summary>
/// Reads RFC 4251 §5 data types from a span. Every read is a <c>Try*</c> that returns false when the
/// input is short or malformed; nothing here throws on hostile input, and nothing is allocated
/// except by the methods that say they return a new string or array.
/// </summary>
public ref struct SshReader
{
    private readonly ReadOnlySpan<byte> _data;
    private int _position;

    /// <summary>Starts reading at the first byte of <paramref name="data"/>.</summary>
    public SshReader(ReadOnlySpan<byte> data)
    {
        _data = data;
        _position = 0;
    }

    /// <summary>Bytes not yet read.</summary>
    public readonly int Remaining => _data.Length - _position;

    /// <summary>Offset of the next byte to read.</summary>
    public readonly int Position => _position;

    /// <summary>The unread rest of the input.</summary>
    public readonly ReadOnlySpan<byte> Rest => _data[_position..];

    /// <summary>Reads one byte.</summary>
    public bool TryReadByte(out byte value)
    {
        if (Remaining < 1)
        {
            value = 0;
            return false;
        }

        value = _data[_position++];
        return true;
    }

    /// <summary>Reads a boolean: any non-zero byte is true (RFC 4251 §5).</summary>
    public bool TryReadBoolean(out bool value)
    {
        var ok = TryReadByte(out var b);
        value = b != 0;
        return ok;
    }

    /// <summary>Reads a big-endian uint32.</summary>
    public bool TryReadUInt32(out uint value)
    {
        if (Remaining < 4)
        {
            value = 0;
            return false;
        }

        value = BinaryPrimitives.ReadUInt32BigEndian(_data.Slice(_position, 4));
        _position += 4;
        return true;
    }

    /// <summary>Reads a big-endian uint64.</summary>
    public bool TryReadUInt64(out ulong value)
    {
        if (Remaining < 8)
        {
            value = 0;
            return false;
        }

        value = BinaryPrimitives.ReadUInt64BigEndian(_data.Slice(_position, 8));
        _position += 8;
        return true;
    }

    /// <summary>
    /// Reads a <c>string</c> as a slice of the input. The length is checked against the bytes that
    /// remain before anything else happens, so a forged length never causes an allocation.
    /// </summary>
    public bool TryReadString(out ReadOnlySpan<byte> value)
    {
        value = default;
        if (Remaining < 4)
        {
            return false;
        }

        var length = BinaryPrimitives.ReadUInt32BigEndian(_data.Slice(_position, 4));
        if (length > (uint)(Remaining - 4))
        {
            return false;
        }

        value = _data.Slice(_position + 4, (int)length);
        _position += 4 + (int)length;
        return true;
    }

    /// <summary>Reads a <c>string</c> and decodes it as UTF-8 into a new string; fails on invalid UTF-8.</summary>
    public bool TryReadUtf8(out string value)
    {
        value = string.Empty;
        if (!TryReadString(out var bytes))
        {
            return false;
        }

        if (!System.Text.Unicode.Utf8.IsValid(bytes))
        {
            return false;
        }

        value = Encoding.UTF8.GetString(bytes);
        return true;
    }

    /// <summary>
    /// Reads an <c>mpint</c> (RFC 4251 §5) as its two's complement big-endian bytes. Only
    /// non-negative values are accepted, which is all SSH ever sends.
    /// </summary>
    public bool TryReadMPInt(out ReadOnlySpan<byte> magnitude)
    {
        magnitude = default;
        if (!TryReadString(out var raw))
        {
            return false;
        }

        if (raw.Length > 0 && (raw[0] & 0x80) != 0)
        {
            return false;
        }

        magnitude = raw;
        return true;
    }

    /// <summary>Reads a <c>name-list</c> (RFC 4251 §5): US-ASCII names separated by commas.</summary>
    public bool TryReadNameList(out NameList value)
    {
        value = default;
        if (!TryReadString(out var raw))
        {
            return false;
        }

        return NameList.TryParse(raw, out value);
    }

    /// <summary>Reads <paramref name="count"/> raw bytes.</summary>
    public bool TryReadBytes(int count, out ReadOnlySpan<byte> value)
    {
        value = default;
        if (count < 0 || count > Remaining)
        {
            return false;
        }

        value = _data.Slice(_position, count);
        _position += count;
        return true;
    }
}
