using System.Text;
using Warren.Relay.Sessions;
using Warren.Ssh.Connection;

namespace Warren.Relay.Channels;

/// <summary>
/// What the session channel writes: output queued under the peer's window, and the end
/// (exit-status, EOF, CLOSE) once the output is out.
/// </summary>
public sealed partial class SessionChannelActor
{
    private void Write(uint? extendedType, string text)
    {
        var bytes = Encoding.UTF8.GetBytes(_pty ? TerminalText.ForPty(text) : text);
        _pendingOutput.Enqueue((extendedType, bytes));
        FlushOutput();
    }

    private void FlushOutput()
    {
        // Never more than the peer's window and maximum packet (RFC 4254 §5.2); the rest waits for WINDOW_ADJUST.
        while (_pendingOutput.TryPeek(out var item))
        {
            if (!_send.TryReserve(item.Data.Length - _headOffset, out var granted) || granted == 0)
            {
                return;
            }

            var chunk = item.Data.AsSpan(_headOffset, granted);
            var payload = new byte[(item.ExtendedType is null ? ChannelData.HeaderSize : ChannelExtendedData.HeaderSize) + granted];
            _ = item.ExtendedType is { } type
                ? ChannelExtendedData.WriteTo(payload, Remote, type, chunk)
                : ChannelData.WriteTo(payload, Remote, chunk);
            _send.Commit(granted, granted);
            Send(payload);
            _headOffset += granted;
            if (_headOffset == item.Data.Length)
            {
                _pendingOutput.Dequeue();
                _headOffset = 0;
            }
        }

        if (_ending && _pendingOutput.Count == 0)
        {
            SendClose();
        }
    }

    private void End(uint exitStatus)
    {
        _ending = true;
        _exitStatus = exitStatus;
        FlushOutput();
    }

    private void SendClose()
    {
        if (_closeSent)
        {
            return;
        }

        _closeSent = true;
        if (_ending)
        {
            var status = new byte[ExitStatus.GetSize()];
            new ExitStatus(_exitStatus).WriteTo(status, Remote);
            Send(status);
            Send(Encode(new ChannelEof(Remote)));
        }

        Send(Encode(new ChannelClose(Remote)));
    }
}
