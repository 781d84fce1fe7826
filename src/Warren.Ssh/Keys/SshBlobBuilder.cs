using System.Buffers;
using Warren.Ssh.Wire;

namespace Warren.Ssh.Keys;

/// <summary>
/// A growable buffer of RFC 4251 §5 values for the blobs built once per key or per signature
/// (public key blobs, signature blobs, key files), where the size is not known up front.
/// </summary>
internal sealed class SshBlobBuilder
{
    private readonly ArrayBufferWriter<byte> _buffer;

    /// <summary>Starts empty; size <paramref name="capacity"/> to fit private material so it is never copied by growth.</summary>
    public SshBlobBuilder(int capacity = 256)
    {
        _buffer = new ArrayBufferWriter<byte>(capacity);
    }

    public void WriteUInt32(uint value)
    {
        var writer = new SshWriter(_buffer.GetSpan(4));
        writer.WriteUInt32(value);
        _buffer.Advance(writer.Position);
    }

    public void WriteBytes(ReadOnlySpan<byte> value) => _buffer.Write(value);

    public void WriteString(ReadOnlySpan<byte> value)
    {
        WriteUInt32((uint)value.Length);
        _buffer.Write(value);
    }

    public void WriteString(string utf8)
    {
        WriteString(System.Text.Encoding.UTF8.GetBytes(utf8));
    }

    /// <summary>Writes an unsigned big-endian integer as an mpint (leading zeros dropped, sign byte added).</summary>
    public void WriteMPInt(ReadOnlySpan<byte> unsignedBigEndian)
    {
        var size = SshWriter.MPIntSize(unsignedBigEndian);
        var writer = new SshWriter(_buffer.GetSpan(size));
        writer.WriteMPInt(unsignedBigEndian);
        _buffer.Advance(writer.Position);
    }

    public int Length => _buffer.WrittenCount;

    public byte[] ToArray() => _buffer.WrittenSpan.ToArray();

    /// <summary>Zeroes the written bytes, for buffers that held private key material.</summary>
    public void Clear() => _buffer.Clear();
}
