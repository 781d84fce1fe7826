namespace Warren.Relay.Sessions;

/// <summary>The session a command runs in, as <c>status</c> shows it; the session actor fills it.</summary>
/// <param name="Account">The account (user name, or key fingerprint in anonymous mode).</param>
/// <param name="SessionId">A short id for people (the connection id).</param>
/// <param name="ClientAddress">The client's address and port, as text.</param>
/// <param name="ConnectedAt">When the connection was accepted.</param>
/// <param name="OpenChannels">Channels open now, this one included.</param>
/// <param name="Forwards">Active tcpip-forward requests of this session.</param>
public sealed record SessionInfo(
    string Account,
    string SessionId,
    string ClientAddress,
    DateTimeOffset ConnectedAt,
    int OpenChannels,
    int Forwards);
