namespace Warren.Relay.Admin;

/// <summary>
/// To <c>/user/node/sessions</c>: describe every session of <see cref="Account"/>, on this node
/// or (in a cluster, through the account's entity) on every node. Answered with
/// <see cref="SessionList"/>; what the <c>tunnels</c> and <c>status</c> commands list.
/// </summary>
public sealed record DescribeAccountSessions(string Account) : Cluster.IAccountCommand;
