using Akka.Actor;

namespace Warren.Relay.Channels;

/// <summary>Ending: half-closes, the idle timeout, failures, and the channel's SocketClose.</summary>
public sealed partial class ForwardedSocketActor
{
    private void OnHalfEnded()
    {
        if (_receiveEnded && _sendEnded)
        {
            Fail(SocketCloseReason.Normal, "both directions ended");
        }
        else
        {
            Become(HalfClosed);
        }
    }

    private void OnIdleTick()
    {
        if (IsIdle())
        {
            Fail(SocketCloseReason.IdleTimeout, $"no bytes read or written for {_idleTimeout}");
        }
    }

    /// <summary>
    /// True when the idle timeout has passed since the last progress; otherwise re-arms the timer
    /// for the rest. One timer re-armed lazily costs less than restarting it on every chunk.
    /// </summary>
    private bool IsIdle()
    {
        var idle = _idleTimeout!.Value;
        var elapsed = Now - _lastActivity;
        if (elapsed >= idle)
        {
            return true;
        }

        Timers.StartSingleTimer(IdleTick.Instance, IdleTick.Instance, idle - elapsed);
        return false;
    }

    private void OnIoFailed(Exception error, bool reading)
    {
        if (reading)
        {
            _read = null;
        }
        else
        {
            _writing = false;
        }

        Fail(Classify(error, reading), error.Message);
    }

    private void BeginClosing()
    {
        Become(Closing);
        // Reads stop here; the write queue is what the channel accepted before closing, so it still goes out.
        _receiveEnded = true;
        DrainThenStop();
    }

    private void DrainThenStop()
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

        Report(SocketCloseReason.Canceled, "closed by the channel");
        Context.Stop(Self);
    }

    /// <summary>Ends the transfer on the actor's own account: report once, close the socket, drop queued writes.</summary>
    private void Fail(SocketCloseReason reason, string detail)
    {
        Report(reason, detail);
        CloseSocket();
        ReturnQueuedWrites();
        Become(Closed);
    }

    private void Report(SocketCloseReason reason, string detail)
    {
        if (!_reported)
        {
            _reported = true;
            _channel.Tell(new SocketClosed(reason, detail));
        }
    }

    private void CloseSocket()
    {
        if (!_stopping.IsCancellationRequested)
        {
            _stopping.Cancel();
        }

        _socket.Dispose();
    }

    private void ReturnQueuedWrites()
    {
        while (_writes.TryDequeue(out var write))
        {
            write.Buffer.Return();
        }
    }

    /// <summary>A write that arrived after the socket closed: its bytes have nowhere to go, its buffer goes home.</summary>
    private static void DropWrite(SocketWrite write)
    {
        if (write.Buffer.IsAllocated)
        {
            write.Buffer.Return();
        }
    }
}
