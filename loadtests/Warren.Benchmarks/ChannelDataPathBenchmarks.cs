using BenchmarkDotNet.Attributes;
using Warren.Ssh.Buffers;
using Warren.Ssh.Connection;

namespace Warren.Benchmarks;

/// <summary>
/// The per-packet connection-layer work of the data path, without crypto or sockets: rent a pooled
/// buffer, put the CHANNEL_DATA header in front of a socket-sized chunk, read it back, charge the
/// receive window, release and grant, reserve and commit on the send window, return the buffer.
/// Every row must show 0 B allocated.
/// </summary>
[MemoryDiagnoser]
public class ChannelDataPathBenchmarks
{
    private readonly PacketBufferPool _pool = new(maxOutstanding: 4);
    private readonly ChannelReceiveWindow _receive = new(2 * 1024 * 1024, 32 * 1024);
    private readonly ChannelSendWindow _send = new(uint.MaxValue - (64 * 1024), 32 * 1024);
    private readonly byte[] _adjust = new byte[ChannelWindowAdjust.Size];

    [Benchmark]
    public int HeaderWriteAndRead()
    {
        if (!_pool.TryRent(out var buffer))
        {
            return -1;
        }

        var payloadLength = ChannelData.WriteHeader(buffer.Span[PacketBuffer.ChannelDataHeaderOffset..], 7, 32 * 1024);
        ChannelData.TryRead(buffer.Span.Slice(PacketBuffer.ChannelDataHeaderOffset, payloadLength), out _, out _, out var length);
        buffer.Return();
        return length;
    }

    [Benchmark]
    public uint WindowsPerPacket()
    {
        uint granted = 0;
        if (_receive.TryConsume(32 * 1024, out _))
        {
            _receive.Released(32 * 1024);
            if (_receive.TryTakeAdjustment(out var grant))
            {
                new ChannelWindowAdjust(7, grant).WriteTo(_adjust);
                granted = grant;
            }
        }

        if (_send.TryReserve(64 * 1024, out var reserved))
        {
            _send.Commit(reserved, reserved);
            _send.TryAdjust((uint)reserved, out _);
        }

        return granted;
    }
}
