using Akka.Actor;

namespace Warren.Relay.Cluster;

/// <summary>
/// From a node's <see cref="Sessions.SessionsActor"/> to the account entity: count
/// <see cref="Session"/> among the account's sessions, cluster-wide, against <see cref="Limit"/>.
/// Answered (to the sender) with <see cref="SessionRegistered"/> or <see cref="SessionRegistrationRefused"/>.
/// </summary>
/// <param name="Session">The session's connection actor (on any node); the entity watches it.</param>
/// <param name="SessionId">The connection's id on its node (<c>conn-N</c>).</param>
/// <param name="Node">The node's cluster address as <c>host:port</c>.</param>
/// <param name="Remote">The client's address and port.</param>
/// <param name="StartedAt">When the session authenticated.</param>
/// <param name="LimitReason">The disconnect text when the account is at its limit (the node's wording).</param>
/// <param name="Readmit">
/// True when the session was admitted before and its entity was lost (hand-off, node loss): it is
/// counted again without a limit check, since SSH cannot take a login back.
/// </param>
internal sealed record RegisterSession(
    string Account,
    IActorRef Session,
    string SessionId,
    string Node,
    string Remote,
    DateTimeOffset StartedAt,
    int Limit,
    string LimitReason,
    bool Readmit) : IAccountCommand;

/// <summary>The account entity counts <paramref name="Session"/> until the session stops.</summary>
internal sealed record SessionRegistered(IActorRef Session);

/// <summary>The account holds as many sessions as it may; <paramref name="Reason"/> is the disconnect text.</summary>
internal sealed record SessionRegistrationRefused(IActorRef Session, string Reason);
