namespace Warren.Relay.Channels;

/// <summary><see cref="Length"/> bytes of <see cref="BridgeData"/> were sent on as CHANNEL_DATA.</summary>
public sealed record BridgeAck(int Length);
