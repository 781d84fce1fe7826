using Akka.Actor;
using Warren.Ssh;
using Warren.Ssh.Buffers;

namespace Warren.Relay.Channels;

/// <summary>Moving bytes: client data into pooled socket writes, socket reads out as CHANNEL_DATA.</summary>
public sealed partial class SocketChannelActor
{
    /// <summary>Writes sent to the socket and not yet written; beyond it, small messages gather in one buffer.</summary>
    internal const int MaxWritesInFlight = 4;

    /// <summary>How long to wait before renting again from an exhausted pool.</summary>
    private static readonly TimeSpan RentRetryDelay = TimeSpan.FromMilliseconds(10);

    /// <summary>Client data that found the pool exhausted, in order; bounded by the receive window.</summary>
    private readonly Queue<ArraySegment<byte>> _stalled = new();
    private PacketBuffer _open;
    private int _openLength;
    private int _writesInFlight;
    private bool _flushQueued;
    private bool _eofReceived;
    private bool _shutdownSent;

    private void OnClientData(byte[] payload, int offset, int length)
    {
        if (_client.CloseSent || _socketTold || _shutdownSent || length == 0)
        {
            // Nowhere to go: count the bytes as gone so the window stays balanced.
            _client.Release(length);
            return;
        }

        var data = new ArraySegment<byte>(payload, offset, length);
        if (_stalled.Count > 0 || !TryAppend(data))
        {
            _stalled.Enqueue(data);
            Timers.StartSingleTimer(RetryRent.Instance, RetryRent.Instance, RentRetryDelay);
        }
    }

    /// <summary>
    /// Client data already in a pooled buffer at the data offset: it becomes the socket write as it
    /// is, after anything gathered before it. Only while the pool was exhausted (data is waiting in
    /// <see cref="_stalled"/>) is it copied out, so that order holds.
    /// </summary>
    private void OnClientPooledData(ChannelInboundData data)
    {
        try
        {
            _client.ConsumeData(data.Length);
        }
        catch (SshProtocolException)
        {
            // Data beyond the window ends the connection; the buffer still goes back first.
            data.Buffer.Return();
            throw;
        }

        if (_client.CloseSent || _socketTold || _shutdownSent || data.Length == 0)
        {
            data.Buffer.Return();
            _client.Release(data.Length);
            return;
        }

        if (_stalled.Count > 0)
        {
            var copy = data.Buffer.Span.Slice(PacketBuffer.DataOffset, data.Length).ToArray();
            data.Buffer.Return();
            _stalled.Enqueue(copy);
            return;
        }

        FlushOpenBuffer();
        _socket.Tell(new SocketWrite(data.Buffer, PacketBuffer.DataOffset, data.Length));
        _writesInFlight++;
    }

    /// <summary>Copies client data into the open buffer, sending the buffer first if the data does not fit.</summary>
    private bool TryAppend(ArraySegment<byte> data)
    {
        if (_open.IsAllocated && _openLength + data.Count > _open.DataCapacity)
        {
            FlushOpenBuffer();
        }

        if (!_open.IsAllocated)
        {
            if (!_pool.TryRent(out _open))
            {
                return false;
            }

            _openLength = 0;
        }

        data.AsSpan().CopyTo(_open.Span[(PacketBuffer.DataOffset + _openLength)..]);
        _openLength += data.Count;
        if (!_flushQueued)
        {
            // Sent when the mailbox reaches this message: data already queued behind it joins the buffer.
            _flushQueued = true;
            Self.Tell(FlushWrites.Instance);
        }

        return true;
    }

    private void OnFlushWrites()
    {
        _flushQueued = false;
        if (_writesInFlight < MaxWritesInFlight)
        {
            FlushOpenBuffer();
        }
    }

    private void OnRetryRent()
    {
        while (_stalled.TryPeek(out var data))
        {
            if (!TryAppend(data))
            {
                Timers.StartSingleTimer(RetryRent.Instance, RetryRent.Instance, RentRetryDelay);
                return;
            }

            _stalled.Dequeue();
        }

        TryShutdownSend();
    }

    private void FlushOpenBuffer()
    {
        if (!_open.IsAllocated)
        {
            return;
        }

        _socket.Tell(new SocketWrite(_open, PacketBuffer.DataOffset, _openLength));
        _writesInFlight++;
        _open = default;
        _openLength = 0;
    }

    private void ReturnOpenBuffer()
    {
        if (_open.IsAllocated)
        {
            _open.Return();
            _open = default;
        }
    }

    private void OnSocketWritten(SocketWritten written)
    {
        _writesInFlight--;
        _client.Release(written.Bytes);
        if (!_flushQueued && _writesInFlight < MaxWritesInFlight && !_socketTold)
        {
            FlushOpenBuffer();
        }
    }

    private void OnClientEof()
    {
        _eofReceived = true;
        TryShutdownSend();
    }

    /// <summary>After the client's EOF and every byte before it: the socket sends a FIN once its writes are out.</summary>
    private void TryShutdownSend()
    {
        if (!_eofReceived || _shutdownSent || _socketTold || _stalled.Count > 0)
        {
            return;
        }

        FlushOpenBuffer();
        _shutdownSent = true;
        _socket.Tell(SocketShutdownSend.Instance);
    }

    private void OnSocketData(SocketData data)
    {
        if (_client.CloseSent)
        {
            data.Buffer.Return();
            return;
        }

        // The socket reads only within the credit we granted, which is the client's window; so
        // this always fits, and a short reservation would be a bug in that bookkeeping.
        if (!_send!.TryReserve(data.Length, out var granted) || granted != data.Length)
        {
            _send.Commit(granted, 0);
            data.Buffer.Return();
            throw new SshProtocolException(SshDisconnectReason.ByApplication, "socket read beyond the channel window");
        }

        _send.Commit(granted, granted);
        _connection.Tell(new ChannelDataOutbound(data.Buffer, _client.Remote, data.Length));
    }

    private sealed record FlushWrites
    {
        public static FlushWrites Instance { get; } = new();
    }

    private sealed record RetryRent
    {
        public static RetryRent Instance { get; } = new();
    }
}
