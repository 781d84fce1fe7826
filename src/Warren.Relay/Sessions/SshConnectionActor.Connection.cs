using Akka.Actor;
using Warren.Relay.Channels;
using Warren.Relay.Metrics;
using Warren.Ssh;
using Warren.Ssh.Buffers;
using Warren.Ssh.Connection;
using Warren.Ssh.Transport;

namespace Warren.Relay.Sessions;

/// <summary>
/// The connection protocol (RFC 4254) of a logged-in session: global requests, channel opens,
/// and routing of channel messages to the channel actors, which are this actor's children.
/// Outbound messages are sent one at a time, in order.
/// </summary>
public sealed partial class SshConnectionActor
{
    private readonly Dictionary<uint, IActorRef> _channels = [];
    private readonly Dictionary<IActorRef, uint> _channelIds = [];
    private readonly Queue<Outbound> _outbound = new();

    // Socket channels, which take CHANNEL_DATA in pooled buffers (ChannelInboundData).
    private readonly HashSet<uint> _pooledDataChannels = [];
    private Outbound _inFlight;
    private bool _sending;
    private uint _nextChannelId;
    private bool _noMoreSessions;

    private void StartReading()
    {
        var self = Self;
        var transport = _transport!;
        var stopping = _stopping.Token;
        var pool = _options.BufferPool;
        _ = Task.Run(async () =>
        {
            try
            {
                while (true)
                {
                    var payload = await transport.ReceiveAsync(stopping).ConfigureAwait(false);
                    self.Tell(PooledInboundData.TryCopy(payload.Span, pool) ?? (object)new Inbound(payload.ToArray()));
                }
            }
#pragma warning disable CA1031 // The loop's end, whatever its cause, is reported to the actor, which decides.
            catch (Exception e)
#pragma warning restore CA1031
            {
                self.Tell(new Status.Failure(e));
            }
        });
    }

    private void OnInbound(byte[] payload)
    {
        try
        {
            Dispatch(payload);
        }
        catch (SshProtocolException e)
        {
            Fail(e);
        }
    }

    private void Dispatch(byte[] payload)
    {
        switch (payload[0])
        {
            case SshMessageNumber.UserAuthRequest:
                // RFC 4252 §5.1: requests after success are ignored.
                return;
            case SshMessageNumber.GlobalRequest:
                OnGlobalRequest(payload);
                return;
            case SshMessageNumber.ChannelOpen:
                OnChannelOpen(payload);
                return;
            case SshMessageNumber.RequestSuccess or SshMessageNumber.RequestFailure:
                // The reply to a client-alive probe, the only global request the relay sends; hearing it was the point.
                return;
            case >= SshMessageNumber.ChannelOpenConfirmation and <= SshMessageNumber.ChannelFailure:
                var recipient = payload.Length < 5 ? uint.MaxValue : System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(payload.AsSpan(1));
                if (!_channels.TryGetValue(recipient, out var channel))
                {
                    OnMessageForEndedChannel(payload, recipient);
                    return;
                }

                RelayMetrics.CountChannelData(payload, inbound: true);
                channel.Tell(new ChannelInbound(payload));
                return;
            case SshMessageNumber.ServiceRequest:
            case >= 50 and <= 79:
                throw new SshProtocolException(SshDisconnectReason.ProtocolError, $"message {payload[0]} after authentication");
            default:
                var unimplemented = new byte[5];
                unimplemented[0] = SshMessageNumber.Unimplemented;
                System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(unimplemented.AsSpan(1), _transport!.LastReceivedSequenceNumber);
                Send(unimplemented);
                return;
        }
    }

    private void OnGlobalRequest(byte[] payload)
    {
        if (!GlobalRequest.TryRead(payload, out var request, out var data))
        {
            throw new SshProtocolException(SshDisconnectReason.ProtocolError, "malformed global request");
        }

        switch (request.RequestName)
        {
            case GlobalRequestNames.TcpipForward:
                OnTcpipForward(request, data);
                return;
            case GlobalRequestNames.CancelTcpipForward:
                OnCancelTcpipForward(request, data);
                return;
            case GlobalRequestNames.NoMoreSessions:
                _noMoreSessions = true;
                break;
        }

        // Anything else (keepalives included) gets the failure reply OpenSSH expects: any reply proves the peer alive.
        Reply(request.WantReply, success: false);
    }

    private void OnChannelOpen(byte[] payload)
    {
        if (!ChannelOpen.TryRead(payload, out var open, out var channelData))
        {
            throw new SshProtocolException(SshDisconnectReason.ProtocolError, "malformed channel open");
        }

        if (!TryAdmitChannel(open.SenderChannel))
        {
            return;
        }

        if (open.ChannelType == ChannelTypes.DirectTcpip)
        {
            OpenDirectTcpip(open, channelData);
            return;
        }

        if (open.ChannelType != ChannelTypes.Session)
        {
            RefuseChannel(open.SenderChannel, ChannelOpenFailureReason.AdministrativelyProhibited, $"channel type '{open.ChannelType}' is not served by this relay yet");
            return;
        }

        if (_noMoreSessions)
        {
            RefuseChannel(open.SenderChannel, ChannelOpenFailureReason.AdministrativelyProhibited, "no-more-sessions was requested");
            return;
        }

        var local = _nextChannelId++;
        var context = new SessionChannelContext(local, open.SenderChannel, open.InitialWindowSize, open.MaximumPacketSize, SessionInfo(), _options.Endpoints) { Limits = Limits };
        var channel = Context.ActorOf(SessionChannelActor.Props(context), $"ch-{local}");
        AddChannel(local, channel);
        SessionChannelOpened(channel);
        ObserveChannelOpened(local, ChannelTypes.Session);
        var confirmation = new byte[ChannelOpenConfirmation.Size];
        new ChannelOpenConfirmation(open.SenderChannel, local, SessionChannelActor.LocalWindow, SessionChannelActor.LocalMaximumPacket).WriteTo(confirmation);
        Send(confirmation);
    }

    private void RefuseChannel(uint senderChannel, ChannelOpenFailureReason reason, string description)
    {
        var failure = new ChannelOpenFailure(senderChannel, reason, description);
        var buffer = new byte[failure.GetSize()];
        failure.WriteTo(buffer);
        Send(buffer);
    }

    private void OnChannelStopped(Terminated terminated)
    {
        ObserveChannelStopped(terminated.ActorRef);
        SessionChannelStopped(terminated.ActorRef);
        if (_channelIds.Remove(terminated.ActorRef, out var id))
        {
            _channels.Remove(id);
            _pooledDataChannels.Remove(id);
        }
    }

    /// <summary>
    /// CHANNEL_DATA the reader copied into a pooled buffer. A socket channel takes the buffer as it
    /// is (it becomes the socket write); any other channel gets the message as an array, as before.
    /// </summary>
    private void OnPooledInboundData(PooledInboundData data)
    {
        var recipient = data.Recipient;
        if (_pooledDataChannels.Contains(recipient) && _channels.TryGetValue(recipient, out var channel))
        {
            RelayMetrics.CountChannelData(data.Buffer.Span.Slice(PacketBuffer.ChannelDataHeaderOffset, data.PayloadLength), inbound: true);
            channel.Tell(new ChannelInboundData(data.Buffer, data.PayloadLength - ChannelData.HeaderSize));
            return;
        }

        var payload = data.Buffer.Span.Slice(PacketBuffer.ChannelDataHeaderOffset, data.PayloadLength).ToArray();
        data.Buffer.Return();
        OnInbound(payload);
    }

    private SessionInfo SessionInfo() => new(
        _user!.User,
        $"conn-{_start.Id}",
        _remote?.ToString() ?? "unknown",
        _connectedAt,
        _channels.Count,
        _forwards.Count);

    private void Send(byte[] payload, IActorRef? ackTo = null, object? ack = null)
    {
        RelayMetrics.CountChannelData(payload, inbound: false);
        _outbound.Enqueue(new Outbound(payload, default, 0, ackTo, ack));
        SendNext();
    }

    /// <summary>Queues pooled CHANNEL_DATA; the buffer is this actor's until <see cref="OnSent"/> or PostStop returns it.</summary>
    private void SendData(ChannelDataOutbound data)
    {
        ChannelData.WriteHeader(data.Buffer.Span[PacketBuffer.ChannelDataHeaderOffset..], data.RecipientChannel, data.Length);
        RelayMetrics.CountChannelData(data.Buffer.Span.Slice(PacketBuffer.ChannelDataHeaderOffset, ChannelData.HeaderSize), inbound: false);
        _outbound.Enqueue(new Outbound(null, data.Buffer, ChannelData.HeaderSize + data.Length, null, null));
        SendNext();
    }

    private void SendNext()
    {
        if (_sending || !_outbound.TryDequeue(out var next))
        {
            return;
        }

        _sending = true;
        NoteSendStarted();
        _inFlight = next;
        var payload = next.Payload ?? next.Buffer.Memory.Slice(PacketBuffer.ChannelDataHeaderOffset, next.Length);
        _transport!.SendAsync(payload, _stopping.Token).AsTask().PipeTo(Self, success: () => SentOne.Instance);
    }

    private void OnSent()
    {
        _sending = false;
        if (_inFlight.AckTo is { } ackTo && _inFlight.Ack is { } ack)
        {
            ackTo.Tell(ack);
        }

        if (_inFlight.Buffer.IsAllocated)
        {
            _inFlight.Buffer.Return();
        }

        _inFlight = default;
        SendNext();
    }

    /// <summary>Returns the pooled buffers of sends that will never complete; called from PostStop.</summary>
    private void ReturnQueuedBuffers()
    {
        // A send in flight still reads its slice; it is cancelled with the connection, and its
        // completion would arrive at a stopped actor, so the buffer goes home here.
        if (_inFlight.Buffer.IsAllocated)
        {
            _inFlight.Buffer.Return();
        }

        _inFlight = default;
        while (_outbound.TryDequeue(out var queued))
        {
            if (queued.Buffer.IsAllocated)
            {
                queued.Buffer.Return();
            }
        }
    }

    /// <summary>One message waiting to be sent: a byte array, or <see cref="Length"/> bytes of a pooled buffer.</summary>
    private readonly record struct Outbound(byte[]? Payload, PacketBuffer Buffer, int Length, IActorRef? AckTo, object? Ack);

    private sealed record Inbound(byte[] Payload);

    private sealed record SentOne
    {
        public static SentOne Instance { get; } = new();
    }
}
