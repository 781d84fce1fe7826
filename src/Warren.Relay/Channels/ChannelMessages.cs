using Akka.Actor;

namespace Warren.Relay.Channels;

/// <summary>A connection-protocol message for one channel (numbers 91 to 100), routed by the connection to the channel actor.</summary>
public sealed record ChannelInbound(byte[] Payload);

/// <summary>
/// A message a channel actor wants sent; the connection sends outbound messages in the order they
/// arrive. When <see cref="AckTo"/> is set, the connection tells it <see cref="Ack"/> once the
/// transport has sent the payload, i.e. once the bytes left the process (flow control across a bridge).
/// </summary>
public sealed record ChannelOutbound(byte[] Payload, IActorRef? AckTo = null, object? Ack = null);

/// <summary>What a session channel needs to know about its session, for the greeting and the exec commands.</summary>
public sealed record SessionChannelContext(
    uint LocalChannel,
    uint RemoteChannel,
    uint RemoteWindow,
    uint RemoteMaximumPacket,
    Sessions.SessionInfo Session,
    Sessions.RelayEndpoints Relay)
{
    /// <summary>The limits in force, for <c>status</c>.</summary>
    public Sessions.SessionLimits Limits { get; init; } = Sessions.SessionLimits.Default;
}
