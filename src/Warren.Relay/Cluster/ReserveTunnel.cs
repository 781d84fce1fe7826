using Warren.Relay.Tunnels;

namespace Warren.Relay.Cluster;

/// <summary>
/// From a node's <see cref="ClusterTunnelRouter"/> to the account entity: count
/// <see cref="Bind"/>'s name against <see cref="Limit"/>, then pass the bind on to the tunnel
/// entity (the sender stays the router), or answer the router with
/// <see cref="TunnelBindRefused"/>.
/// </summary>
internal sealed record ReserveTunnel(string Account, int Limit, BindTunnel Bind) : IAccountCommand;
