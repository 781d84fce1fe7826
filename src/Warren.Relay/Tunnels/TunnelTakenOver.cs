namespace Warren.Relay.Tunnels;

/// <summary>
/// Told to the session of a backend that a <see cref="BindPolicy.Replace"/> bind dropped: the
/// session should forget that forward (it gets no more visitors for it) and may tell its client.
/// </summary>
internal sealed record TunnelTakenOver(string Name, TunnelBackend Backend);
