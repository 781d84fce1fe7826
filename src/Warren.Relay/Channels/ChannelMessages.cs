namespace Warren.Relay.Channels;

/// <summary>A connection-protocol message for one channel (numbers 91 to 100), routed by the connection to the channel actor.</summary>
public sealed record ChannelInbound(byte[] Payload);

/// <summary>A message a channel actor wants sent; the connection sends outbound messages in the order they arrive.</summary>
public sealed record ChannelOutbound(byte[] Payload);

/// <summary>What a session channel needs to know about its session, for the greeting and the exec commands.</summary>
public sealed record SessionChannelContext(
    uint LocalChannel,
    uint RemoteChannel,
    uint RemoteWindow,
    uint RemoteMaximumPacket,
    Sessions.SessionInfo Session,
    Sessions.RelayEndpoints Relay);
