using Warren.Relay.Edge;

namespace Warren.Relay.Channels;

/// <summary>
/// A session channel whose command was tunnel options (<c>auth=alice:s3cret allow-accounts=bob</c>)
/// gives them to its connection: they settle the session's options (see
/// <c>SshConnectionActor.OptionsSettle</c>), every forward of the session binds or re-binds with
/// them, and <see cref="EdgeTunnelOptions.AllowAccounts"/> lets those accounts reach its tunnels.
/// Answered with <see cref="SessionSnapshot"/> once the registry has them, so the greeting never
/// claims what is not yet true; a <c>Status.Failure</c> when it could not.
/// </summary>
internal sealed record ApplyTunnelOptions(EdgeTunnelOptions Options);
