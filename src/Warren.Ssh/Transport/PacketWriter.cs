using System.Buffers;
using System.Buffers.Binary;
using System.Security.Cryptography;
using Warren.Ssh.Crypto;

namespace Warren.Ssh.Transport;

/// <summary>
/// The sending half of the binary packet protocol (RFC 4253 §6). The caller writes a payload into
/// <see cref="GetPayloadSpan"/>; <see cref="SendAsync"/> puts the header in front, pads, encrypts in
/// place and writes. Callers serialise access and call <see cref="ReleaseBuffer"/> when they stop
/// sending for now, so an idle connection holds no send buffer.
/// </summary>
internal sealed class PacketWriter : IDisposable
{
    private const int HeaderSize = 5;
    private const int TrailerRoom = 255 + 64;

    private readonly Stream _stream;
    private readonly int _bufferLength;
    private byte[] _buffer;
    private IPacketCipher _cipher;

    public PacketWriter(Stream stream, int maxPayloadLength)
    {
        _stream = stream;
        MaxPayloadLength = maxPayloadLength;
        _bufferLength = HeaderSize + maxPayloadLength + TrailerRoom;
        _buffer = [];
        _cipher = Crypto.Ciphers.PacketCipherFactory.None;
    }

    public int MaxPayloadLength { get; }

    /// <summary>True while a send buffer is rented (between a payload and <see cref="ReleaseBuffer"/>).</summary>
    internal bool HoldsBuffer => _buffer.Length > 0;

    public uint SequenceNumber { get; private set; }

    public long BytesSinceRekey { get; set; }

    public void SetCipher(IPacketCipher cipher)
    {
        _cipher.Dispose();
        _cipher = cipher;
    }

    public void ResetSequenceNumber() => SequenceNumber = 0;

    /// <summary>Where the next payload goes; valid until <see cref="SendAsync"/>.</summary>
    public Memory<byte> GetPayloadMemory() => RentedBuffer().AsMemory(HeaderSize, MaxPayloadLength);

    /// <summary>Where the next payload goes; valid until <see cref="SendAsync"/>.</summary>
    public Span<byte> GetPayloadSpan() => RentedBuffer().AsSpan(HeaderSize, MaxPayloadLength);

    /// <summary>Gives the send buffer back to the pool until the next payload.</summary>
    public void ReleaseBuffer()
    {
        var buffer = Interlocked.Exchange(ref _buffer, []);
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private byte[] RentedBuffer()
    {
        if (_buffer.Length == 0)
        {
            _buffer = ArrayPool<byte>.Shared.Rent(_bufferLength);
        }

        return _buffer;
    }

    /// <summary>Writes raw bytes before any packet: the identification line.</summary>
    public ValueTask WriteRawAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken) =>
        _stream.WriteAsync(bytes, cancellationToken);

    /// <summary>Frames, encrypts and writes the payload of <paramref name="payloadLength"/> bytes.</summary>
    public ValueTask SendAsync(int payloadLength, CancellationToken cancellationToken)
    {
        if ((uint)payloadLength > (uint)MaxPayloadLength)
        {
            throw new ArgumentOutOfRangeException(nameof(payloadLength));
        }

        var block = _cipher.BlockSize;
        var aligned = (_cipher.LengthExcludedFromPadding ? 1 : HeaderSize) + payloadLength;
        var padding = block - (aligned % block);
        if (padding < 4)
        {
            padding += block;
        }

        var packetLength = 1 + payloadLength + padding;
        var buffer = RentedBuffer();
        var packet = buffer.AsSpan(0, 4 + packetLength);
        BinaryPrimitives.WriteUInt32BigEndian(packet, (uint)packetLength);
        packet[4] = (byte)padding;
        RandomNumberGenerator.Fill(packet.Slice(HeaderSize + payloadLength, padding));

        var tag = buffer.AsSpan(4 + packetLength, _cipher.TagSize);
        _cipher.Encrypt(SequenceNumber, packet, tag);
        SequenceNumber++;
        var total = 4 + packetLength + tag.Length;
        BytesSinceRekey += total;
        return _stream.WriteAsync(buffer.AsMemory(0, total), cancellationToken);
    }

    public void Dispose()
    {
        _cipher.Dispose();
        ReleaseBuffer();
    }
}
