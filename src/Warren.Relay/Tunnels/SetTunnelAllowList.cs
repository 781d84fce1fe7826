namespace Warren.Relay.Tunnels;

/// <summary>
/// The owner sets which other accounts may reach <see cref="Name"/> by <c>ssh -L/-W/-J/-D</c>
/// (<see cref="TunnelState.AnyAccount"/> for all). Replaces the list. Answered with
/// <see cref="TunnelAllowListSet"/>, <see cref="TunnelNotFound"/> or <see cref="TunnelRefused"/>.
/// The list lives as long as the owner holds the name (bound or held).
/// </summary>
internal sealed record SetTunnelAllowList(string Name, string Account, IReadOnlyList<string> Accounts) : ITunnelCommand;
