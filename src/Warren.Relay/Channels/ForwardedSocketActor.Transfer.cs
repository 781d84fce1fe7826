using System.Net.Sockets;
using Akka.Actor;

namespace Warren.Relay.Channels;

/// <summary>Moving bytes: ordered writes, credit-bounded reads, the send half-close.</summary>
public sealed partial class ForwardedSocketActor
{
    private void OnWrite(SocketWrite write)
    {
        if (_sendEnding || !write.Buffer.IsAllocated || write.Offset < 0 || write.Length < 0 || write.Offset + (long)write.Length > write.Buffer.Length)
        {
            // After SocketShutdownSend nothing may follow the FIN; a bad range is a channel bug. The
            // bytes are dropped, and reported as gone so the channel's window stays balanced.
            if (write.Buffer.IsAllocated)
            {
                write.Buffer.Return();
            }

            _channel.Tell(new SocketWritten(Math.Max(write.Length, 0)));
            return;
        }

        _writes.Enqueue(write);
        PumpWrites();
    }

    private void OnWriteCompleted(WriteCompleted completed)
    {
        _writing = false;
        Touch();
        _channel.Tell(new SocketWritten(completed.Bytes));
        PumpWrites();
        TryStartRead();
    }

    private void PumpWrites()
    {
        if (_writing)
        {
            return;
        }

        if (_writes.TryDequeue(out var write))
        {
            _writing = true;
            WriteAsync(write, _stopping.Token).PipeTo(Self);
            return;
        }

        if (_sendEnding && !_sendEnded)
        {
            try
            {
                _socket.Shutdown(SocketShutdown.Send);
            }
            catch (SocketException e)
            {
                OnIoFailed(e, reading: false);
                return;
            }

            _sendEnded = true;
            OnHalfEnded();
        }
    }

    private void OnShutdownSend()
    {
        if (_sendEnding)
        {
            return;
        }

        _sendEnding = true;
        PumpWrites();
    }

    private void OnGrant(SocketGrant grant)
    {
        if (grant.Bytes > 0)
        {
            _credit += grant.Bytes;
            TryStartRead();
        }
    }

    private void TryStartRead()
    {
        _windowWait.Set(_credit <= 0 && !_receiveEnded);
        if (_read is not null || _receiveEnded || _credit <= 0)
        {
            return;
        }

        var read = new SocketReadOperation();
        _read = read;
        ReadAsync(read, (int)Math.Min(_credit, _maxChunk), _stopping.Token).PipeTo(Self);
    }

    private void OnReadCompleted(ReadCompleted completed)
    {
        var read = _read!;
        _read = null;
        if (completed.Bytes == 0)
        {
            _receiveEnded = true;
            _channel.Tell(SocketEof.Instance);
            OnHalfEnded();
            return;
        }

        _credit -= completed.Bytes;
        Touch();
        _channel.Tell(new SocketData(read.Buffer, completed.Bytes));
        TryStartRead();
    }

    private void OnReadStalled()
    {
        _read = null;
        Timers.StartSingleTimer(RetryRead.Instance, RetryRead.Instance, RentRetryDelay);
    }

    private void DropRead(ReadCompleted completed)
    {
        if (completed.Bytes > 0)
        {
            _read!.Buffer.Return();
        }

        _read = null;
    }
}
