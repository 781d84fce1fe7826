namespace Warren.Relay.Channels;

/// <summary>
/// The session's tunnel options were malformed or not applied by this relay: the connection
/// cancels every forward of the session and refuses new ones, so no tunnel lives with a
/// guessed meaning. <see cref="Problem"/> is what the channel told the client.
/// </summary>
public sealed record RefuseTunnelOptions(string Problem);
