using Akka.Actor;
using Warren.Relay.Forwarding;
using Warren.Ssh;
using Warren.Ssh.Connection;

namespace Warren.Relay.Channels;

/// <summary>
/// The publisher's side of a bridge: a <c>forwarded-tcpip</c> channel (RFC 4254 §7.2) that the
/// relay opens to the client that asked for the tunnel (<c>ssh -R</c>), for one visitor.
/// <code>
///   Opening --OPEN_CONFIRMATION--> Open (bridged) ... --> stopped
///   Opening --OPEN_FAILURE-------> stopped (the visitor gets OPEN_FAILURE)
/// </code>
/// </summary>
public sealed class ForwardedTcpipChannelActor : BridgedChannelActor
{
    private readonly ForwardedTcpip _target;
    private readonly IActorRef _visitor;
    private bool _visitorGone;

    /// <summary>Props for the channel <paramref name="localChannel"/>, opened for <paramref name="visitor"/>.</summary>
    /// <param name="tunnel">The tunnel's per-tunnel series (--metrics-per-tunnel); null: none.</param>
    public static Props Props(uint localChannel, ForwardedTcpip target, IActorRef visitor, TimeSpan? idleTimeout = null, Metrics.TunnelCounters? tunnel = null) =>
        Akka.Actor.Props.Create(() => new ForwardedTcpipChannelActor(localChannel, target, visitor, idleTimeout, tunnel));

    public ForwardedTcpipChannelActor(uint localChannel, ForwardedTcpip target, IActorRef visitor, TimeSpan? idleTimeout = null, Metrics.TunnelCounters? tunnel = null)
        : base(localChannel, idleTimeout)
    {
        _target = target;
        _visitor = visitor;
        TunnelCounters = tunnel;
        Opening();
    }

    /// <inheritdoc />
    protected override void PreStart()
    {
        Context.Watch(_visitor);
        var open = new byte[_target.GetOpenSize()];
        _target.WriteOpenTo(open, LocalChannel, LocalWindow, LocalMaximumPacket);
        Send(open);
    }

    private void Opening()
    {
        Receive<ChannelInbound>(inbound =>
        {
            switch (inbound.Payload[0])
            {
                case SshMessageNumber.ChannelOpenConfirmation:
                    var confirmation = ClientChannel.ReadConfirmation(inbound.Payload);
                    if (!_visitorGone)
                    {
                        _visitor.Tell(new BridgeOpened(Self));
                    }

                    TunnelCounters?.Visitors.Inc();

                    EnterOpen(confirmation.SenderChannel, confirmation.InitialWindowSize, confirmation.MaximumPacketSize, _visitor, _visitorGone);
                    break;
                case SshMessageNumber.ChannelOpenFailure:
                    var reason = ChannelOpenFailure.TryRead(inbound.Payload, out var failure)
                        ? $"the tunnel's client could not connect to its service: {HostPortText.Printable(failure.Description)}"
                        : "the tunnel's client refused the connection";
                    _visitor.Tell(new BridgeOpenFailed(ChannelOpenFailureCode.ConnectFailed, reason));
                    Context.Stop(Self);
                    break;
                default:
                    throw new SshProtocolException(SshDisconnectReason.ProtocolError, $"message {inbound.Payload[0]} for a channel not yet confirmed");
            }
        });
        Receive<BridgeClose>(_ => _visitorGone = true);
        Receive<Terminated>(terminated => _visitorGone |= terminated.ActorRef.Equals(_visitor));
    }
}
