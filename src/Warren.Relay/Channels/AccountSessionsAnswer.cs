using Warren.Relay.Admin;
using Warren.Relay.Sessions;

namespace Warren.Relay.Channels;

/// <summary>To a session channel: the account's sessions for <see cref="Request"/> (null when they did not answer in time).</summary>
internal sealed record AccountSessionsAnswer(ExecRequest Request, SessionSnapshot Snapshot, SessionList? Sessions);
