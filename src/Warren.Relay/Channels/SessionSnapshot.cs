using Warren.Relay.Sessions;

namespace Warren.Relay.Channels;

/// <summary>The answer to <see cref="SessionSnapshotRequest"/>: the session and its tunnels now.</summary>
public sealed record SessionSnapshot(SessionInfo Session, IReadOnlyList<TunnelInfo> Tunnels);
