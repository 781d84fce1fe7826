using System.Buffers;
using System.Runtime.CompilerServices;
using Warren.Ssh.Crypto;

namespace Warren.Ssh.Transport;

/// <summary>
/// The receiving half of the binary packet protocol (RFC 4253 §6). Reads from the stream in large
/// chunks into one pooled buffer and decrypts each packet in place there; the payload it returns
/// stays valid until the next read. Used by one reader at a time.
/// </summary>
/// <remarks>
/// A relay holds thousands of sessions that are idle most of the time. When every buffered byte
/// has been consumed, the reader gives its buffer back and waits with a zero-byte read, so an idle
/// session holds no receive buffer; it rents one again when bytes arrive.
/// </remarks>
internal sealed class PacketReader : IDisposable
{
    // Room for the largest packet, its tag, and a chunk of read-ahead so small packets cost one read.
    private const int TagRoom = 64;
    private const int ReadAhead = 16 * 1024;

    private readonly Stream _stream;
    private readonly int _maxPacketLength;
    private readonly int _bufferLength;
    private byte[] _buffer;
    private bool _disposed;
    private int _start;
    private int _end;
    private IPacketCipher _cipher;

    public PacketReader(Stream stream, int maxPacketLength)
    {
        _stream = stream;
        _maxPacketLength = maxPacketLength;
        _bufferLength = 4 + maxPacketLength + TagRoom + ReadAhead;
        _buffer = [];
        _cipher = Crypto.Ciphers.PacketCipherFactory.None;
    }

    /// <summary>True while a receive buffer is rented (false while waiting for bytes at a packet boundary).</summary>
    internal bool HoldsBuffer => _buffer.Length > 0;

    /// <summary>Sequence number of the next packet (RFC 4253 §6.4).</summary>
    public uint SequenceNumber { get; private set; }

    /// <summary>Bytes of packets received since the counter was last reset, for RekeyLimit.</summary>
    public long BytesSinceRekey { get; set; }

    /// <summary>Packets received in all.</summary>
    public ulong PacketsReceived { get; private set; }

    /// <summary>Installs the cipher for the packets after SSH_MSG_NEWKEYS.</summary>
    public void SetCipher(IPacketCipher cipher)
    {
        _cipher.Dispose();
        _cipher = cipher;
    }

    /// <summary>Strict KEX resets the sequence number after every NEWKEYS (OpenSSH PROTOCOL, kex-strict).</summary>
    public void ResetSequenceNumber() => SequenceNumber = 0;

    /// <summary>
    /// Reads one line of the version exchange (RFC 4253 §4.2), without its CR LF. Fails with a
    /// protocol error when a line is longer than <paramref name="maxLength"/>.
    /// </summary>
    public async ValueTask<string> ReadLineAsync(int maxLength, CancellationToken cancellationToken)
    {
        var scanned = 0;
        while (true)
        {
            var window = _buffer.AsSpan(_start, _end - _start);
            var newline = window[scanned..].IndexOf((byte)'\n');
            if (newline >= 0)
            {
                var lineLength = scanned + newline;
                var line = window[..lineLength];
                if (line.Length > 0 && line[^1] == (byte)'\r')
                {
                    line = line[..^1];
                }

                if (line.Length > maxLength)
                {
                    throw new SshProtocolException(SshDisconnectReason.ProtocolError, "identification line too long");
                }

                var text = System.Text.Encoding.ASCII.GetString(line);
                _start += lineLength + 1;
                return text;
            }

            scanned = window.Length;
            if (scanned > maxLength + 1)
            {
                throw new SshProtocolException(SshDisconnectReason.ProtocolError, "identification line too long");
            }

            await FillAsync(_end - _start + 1, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Reads, checks and decrypts the next packet, and returns its payload. Failures end the
    /// connection: an impossible length or bad padding is a protocol error, a wrong tag a MAC error.
    /// </summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<ReadOnlyMemory<byte>> ReadPacketAsync(CancellationToken cancellationToken)
    {
        var prefixSize = _cipher.LengthPrefixSize;
        if (_end - _start < prefixSize)
        {
            await FillAsync(prefixSize, cancellationToken).ConfigureAwait(false);
        }

        var sequence = SequenceNumber;
        var packetLength = _cipher.DecryptLength(sequence, _buffer.AsSpan(_start, prefixSize));
        CheckLength(packetLength);

        var tagSize = _cipher.TagSize;
        var total = 4 + (int)packetLength + tagSize;
        if (_end - _start < total)
        {
            await FillAsync(total, cancellationToken).ConfigureAwait(false);
        }

        var packet = _buffer.AsSpan(_start, 4 + (int)packetLength);
        var tag = _buffer.AsSpan(_start + 4 + (int)packetLength, tagSize);
        if (!_cipher.TryDecrypt(sequence, packet, tag))
        {
            throw new SshProtocolException(SshDisconnectReason.MacError, "message authentication code incorrect");
        }

        // Padding is checked only after the tag, so a forger learns nothing from which check failed.
        var paddingLength = packet[4];
        if (paddingLength < 4 || paddingLength > packetLength - 2)
        {
            throw new SshProtocolException(SshDisconnectReason.ProtocolError, "bad padding length");
        }

        var payload = new ReadOnlyMemory<byte>(_buffer, _start + 5, (int)packetLength - 1 - paddingLength);
        _start += total;
        SequenceNumber = sequence + 1;
        PacketsReceived++;
        BytesSinceRekey += total;
        return payload;
    }

    private void CheckLength(uint packetLength)
    {
        // Smallest legal packet: padding_length byte, one message byte, four bytes of padding.
        if (packetLength < 6 || packetLength > (uint)_maxPacketLength)
        {
            throw new SshProtocolException(SshDisconnectReason.ProtocolError, $"bad packet length {packetLength}");
        }

        var aligned = _cipher.LengthExcludedFromPadding ? packetLength : packetLength + 4;
        if (aligned % (uint)_cipher.BlockSize != 0)
        {
            throw new SshProtocolException(SshDisconnectReason.ProtocolError, "packet length is not a multiple of the cipher block size");
        }
    }

    private async ValueTask FillAsync(int needed, CancellationToken cancellationToken)
    {
        if (_start == _end)
        {
            await WaitWithoutBufferAsync(cancellationToken).ConfigureAwait(false);
        }

        if (_buffer.Length - _start < needed)
        {
            // Slide the partial packet to the front; it is at most one packet's worth of bytes.
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }

        while (_end - _start < needed)
        {
            var buffer = _buffer;
            if (buffer.Length == 0)
            {
                // Disposed while this read was waiting: the connection is going away.
                throw new SshConnectionClosedException(SshDisconnectReason.ConnectionLost, "the connection closed");
            }

            var read = await _stream.ReadAsync(buffer.AsMemory(_end), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                throw new SshConnectionClosedException(SshDisconnectReason.None, "the peer closed the connection");
            }

            _end += read;
        }
    }

    private async ValueTask WaitWithoutBufferAsync(CancellationToken cancellationToken)
    {
        _start = 0;
        _end = 0;
        ReturnBuffer();

        // Completes when bytes can be read (or at end of stream, which the real read then reports).
        await _stream.ReadAsync(Memory<byte>.Empty, cancellationToken).ConfigureAwait(false);

        if (Volatile.Read(ref _disposed))
        {
            throw new SshConnectionClosedException(SshDisconnectReason.ConnectionLost, "the connection closed");
        }

        // An array rented just as Dispose runs is never returned; the pool does not miss it.
        _buffer = ArrayPool<byte>.Shared.Rent(_bufferLength);
    }

    private void ReturnBuffer()
    {
        var buffer = Interlocked.Exchange(ref _buffer, []);
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public void Dispose()
    {
        Volatile.Write(ref _disposed, true);
        _cipher.Dispose();
        ReturnBuffer();
    }
}
