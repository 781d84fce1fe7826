using Warren.Relay.Tunnels;

namespace Warren.Relay.Cluster;

/// <summary>
/// From a node's <see cref="ClusterTunnelRouter"/> to the account entity: count
/// <see cref="Bind"/>'s name against <see cref="Limit"/>, then pass the bind on to the tunnel
/// entity (the sender stays the router), or answer the router with
/// <see cref="TunnelBindRefused"/>.
/// </summary>
/// <param name="LimitReason">The refusal text when the account is at its limit (the node's wording, see <see cref="TunnelOptions.TunnelLimitText"/>).</param>
internal sealed record ReserveTunnel(string Account, int Limit, string LimitReason, BindTunnel Bind) : IAccountCommand;
