using Akka.Actor;
using Warren.Ssh;
using Warren.Ssh.Connection;

namespace Warren.Relay.Channels;

/// <summary>
/// The client's end of an open TCP forwarding channel (direct-tcpip or forwarded-tcpip), as the
/// channel actors that serve one share it: reading the client's channel messages (window checks
/// included), the receive window and its WINDOW_ADJUST, and sending EOF and CLOSE once. Not an
/// actor: it lives inside one and is touched only by it.
/// </summary>
internal sealed class ClientChannel
{
    /// <summary>The receive window offered to the client (OpenSSH's CHAN_TCP_WINDOW_DEFAULT).</summary>
    public const uint LocalWindow = 2 * 1024 * 1024;

    /// <summary>The largest CHANNEL_DATA accepted (OpenSSH's CHAN_TCP_PACKET_DEFAULT).</summary>
    public const uint LocalMaximumPacket = 32 * 1024;

    private readonly IActorRef _connection;
    private readonly ChannelReceiveWindow _receive = new(LocalWindow, LocalMaximumPacket);
    private bool _eofSent;

    public ClientChannel(IActorRef connection)
    {
        _connection = connection;
    }

    /// <summary>The client's channel number.</summary>
    public uint Remote { get; set; }

    /// <summary>True once CHANNEL_CLOSE was sent; nothing is sent on the channel after it.</summary>
    public bool CloseSent { get; private set; }

    /// <summary>
    /// Reads one message from the client. Data is counted against the receive window (the caller
    /// calls <see cref="Release"/> when it has left the process); extended data is counted and
    /// dropped (a TCP forward has no stderr); a request that wants a reply gets CHANNEL_FAILURE
    /// (RFC 4254 §5.4). Malformed input throws <see cref="SshProtocolException"/>, which ends the connection.
    /// </summary>
    public ClientMessage Read(byte[] payload, out int offset, out int length, out uint bytesToAdd)
    {
        offset = 0;
        length = 0;
        bytesToAdd = 0;
        switch (payload[0])
        {
            case SshMessageNumber.ChannelData:
                if (!ChannelData.TryRead(payload, out _, out offset, out length))
                {
                    throw new SshProtocolException(SshDisconnectReason.ProtocolError, "malformed CHANNEL_DATA");
                }

                Consume(length);
                return ClientMessage.Data;
            case SshMessageNumber.ChannelExtendedData:
                var extended = Math.Max(0, payload.Length - ChannelExtendedData.HeaderSize);
                Consume(extended);
                Release(extended);
                return ClientMessage.None;
            case SshMessageNumber.ChannelWindowAdjust:
                if (!ChannelWindowAdjust.TryRead(payload, out var adjust))
                {
                    throw new SshProtocolException(SshDisconnectReason.ProtocolError, "bad WINDOW_ADJUST");
                }

                bytesToAdd = adjust.BytesToAdd;
                return ClientMessage.WindowAdjust;
            case SshMessageNumber.ChannelEof:
                return ClientMessage.Eof;
            case SshMessageNumber.ChannelClose:
                return ClientMessage.Close;
            case SshMessageNumber.ChannelRequest:
                if (ChannelRequest.TryRead(payload, out var request, out _) && request.WantReply)
                {
                    var failure = new byte[ChannelFailure.Size];
                    new ChannelFailure(Remote).WriteTo(failure);
                    Send(failure);
                }

                return ClientMessage.None;
            default:
                return ClientMessage.None;
        }
    }

    /// <summary>Reads the client's CHANNEL_OPEN_CONFIRMATION of a channel the relay opened; malformed ends the connection.</summary>
    /// <summary>
    /// Counts the data of a CHANNEL_DATA that arrived in a pooled buffer (<see cref="ChannelInboundData"/>)
    /// against the receive window, as <see cref="Read"/> does for one in an array.
    /// </summary>
    public void ConsumeData(int length) => Consume(length);

    public static ChannelOpenConfirmation ReadConfirmation(byte[] payload) =>
        ChannelOpenConfirmation.TryRead(payload, out var confirmation)
            ? confirmation
            : throw new SshProtocolException(SshDisconnectReason.ProtocolError, "malformed CHANNEL_OPEN_CONFIRMATION");

    /// <summary>Applies a WINDOW_ADJUST to <paramref name="send"/>; a window past 2^32-1 ends the connection.</summary>
    public static void Adjust(ChannelSendWindow send, uint bytesToAdd)
    {
        if (!send.TryAdjust(bytesToAdd, out _))
        {
            throw new SshProtocolException(SshDisconnectReason.ProtocolError, "bad WINDOW_ADJUST");
        }
    }

    /// <summary><paramref name="length"/> bytes of the client's data left the process: widen its window when enough did.</summary>
    public void Release(int length)
    {
        _receive.Released(length);
        if (!CloseSent && _receive.TryTakeAdjustment(out var grant))
        {
            var adjust = new byte[ChannelWindowAdjust.Size];
            new ChannelWindowAdjust(Remote, grant).WriteTo(adjust);
            Send(adjust);
        }
    }

    /// <summary>Sends CHANNEL_EOF, once, unless the channel is closed.</summary>
    public void SendEof()
    {
        if (_eofSent || CloseSent)
        {
            return;
        }

        _eofSent = true;
        var eof = new byte[ChannelEof.Size];
        new ChannelEof(Remote).WriteTo(eof);
        Send(eof);
    }

    /// <summary>Sends CHANNEL_CLOSE, once.</summary>
    public void SendClose()
    {
        if (CloseSent)
        {
            return;
        }

        CloseSent = true;
        var close = new byte[ChannelClose.Size];
        new ChannelClose(Remote).WriteTo(close);
        Send(close);
    }

    /// <summary>Sends a connection-protocol message to the client, in order with everything else this channel sends.</summary>
    public void Send(byte[] payload) => _connection.Tell(new ChannelOutbound(payload));

    private void Consume(int length)
    {
        if (!_receive.TryConsume(length, out var reason, out var description))
        {
            throw new SshProtocolException(reason, description);
        }
    }
}

/// <summary>What <see cref="ClientChannel.Read"/> found for the actor to act on.</summary>
internal enum ClientMessage
{
    /// <summary>Nothing for the actor (handled, or ignored).</summary>
    None,

    /// <summary>CHANNEL_DATA, already counted against the receive window.</summary>
    Data,

    /// <summary>CHANNEL_WINDOW_ADJUST.</summary>
    WindowAdjust,

    /// <summary>CHANNEL_EOF.</summary>
    Eof,

    /// <summary>CHANNEL_CLOSE.</summary>
    Close,
}
