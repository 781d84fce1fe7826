namespace Warren.Relay.Tunnels;

/// <summary>
/// Find a backend for a visitor of <see cref="Name"/>. Answered with <see cref="TunnelResolved"/>
/// (the next backend, round-robin), <see cref="TunnelNotFound"/> or <see cref="TunnelRefused"/>.
/// </summary>
/// <param name="Account">
/// The visitor's account (<c>ssh -L/-W/-J/-D</c>), or null for a visitor at a public edge (HTTP,
/// TLS), who may reach HTTP and TLS tunnels only and is told "not found" for anything else.
/// </param>
internal sealed record ResolveTunnel(string Name, string? Account) : ITunnelCommand
{
    /// <summary>
    /// Nodes (Akka addresses as text) that the visitor's node cannot reach on a relay link right
    /// now: backends there are passed over while another backend can serve. Set by the node's
    /// tunnel front; an array because the JSON serializer rebuilds arrays but not every list type.
    /// </summary>
    public string[]? AvoidNodes { get; init; }
}
