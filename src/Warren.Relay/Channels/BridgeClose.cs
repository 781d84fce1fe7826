namespace Warren.Relay.Channels;

/// <summary>The other side closed; this side closes too once its queued bytes are out.</summary>
public sealed record BridgeClose
{
    public static BridgeClose Instance { get; } = new();
}
