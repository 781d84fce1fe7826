using Warren.Relay.Sessions;

namespace Warren.Relay.Admin;

/// <summary>One connection as the admin API shows it.</summary>
/// <param name="SessionId">The connection's id, <c>conn-N</c> (also its actor name).</param>
/// <param name="Remote">The client's address and port.</param>
/// <param name="State"><c>handshaking</c>, <c>authenticating</c> or <c>open</c>.</param>
/// <param name="Account">The account it logged in as; null before authentication.</param>
/// <param name="AuthenticatedAt">When it logged in; null before authentication.</param>
/// <param name="Channels">Channels open now.</param>
/// <param name="Tunnels">The tunnels it serves (its tcpip-forwards).</param>
public sealed record SessionView(
    string SessionId,
    string Remote,
    string State,
    string? Account,
    DateTimeOffset? AuthenticatedAt,
    int Channels,
    IReadOnlyList<TunnelInfo> Tunnels);
