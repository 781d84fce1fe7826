using Warren.Relay.Forwarding;

namespace Warren.Relay.Channels;

/// <summary>The other side of a bridge could not be opened; the visitor gets OPEN_FAILURE with this code and text.</summary>
public sealed record BridgeOpenFailed(ChannelOpenFailureCode Code, string Reason);
