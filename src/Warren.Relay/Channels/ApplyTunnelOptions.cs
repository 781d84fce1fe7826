namespace Warren.Relay.Channels;

/// <summary>
/// A session channel whose command was tunnel options (<c>allow-accounts=bob,carol</c>) asks its
/// connection to let <see cref="AllowAccounts"/> reach every tunnel the session serves, now and
/// later. Answered with <see cref="SessionSnapshot"/> once the registry has the lists, so the
/// greeting never claims what is not yet true; a <c>Status.Failure</c> when it could not.
/// </summary>
public sealed record ApplyTunnelOptions(IReadOnlyList<string> AllowAccounts);
