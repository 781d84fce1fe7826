namespace Warren.Relay.Channels;

/// <summary>The client of the other side sent CHANNEL_EOF.</summary>
public sealed record BridgeEof
{
    public static BridgeEof Instance { get; } = new();
}
