namespace Warren.Relay.Tunnels;

/// <summary>
/// From a free <see cref="TunnelEntity"/> to its parent: route no more to me, then send me
/// <see cref="StopTunnelEntity"/>. Messages that still reach the entity are sent back to the
/// parent, which by then routes them to a new entity. (Under sharding the entity sends the
/// shard's <c>Passivate(StopTunnelEntity.Instance)</c> instead, which buffers the same way.)
/// </summary>
internal sealed record PassivateTunnel(string Name);
