namespace Warren.Relay.Sessions;

/// <summary>One way to reach a tunnel.</summary>
/// <param name="Kind"><c>http</c>, <c>tls</c>, <c>ssh-L</c>, <c>ssh-W</c>, <c>ssh-J</c> or <c>tcp</c> (stable: scripts read it).</param>
/// <param name="Value">A URL, a host:port, or a command line to copy.</param>
public readonly record struct TunnelAddress(string Kind, string Value);
