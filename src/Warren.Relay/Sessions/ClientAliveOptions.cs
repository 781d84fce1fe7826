namespace Warren.Relay.Sessions;

/// <summary>
/// sshd's ClientAliveInterval and ClientAliveCountMax: when nothing has come from the client for
/// <see cref="Interval"/>, the session sends a <c>keepalive@openssh.com</c> global request with
/// want-reply; when <see cref="CountMax"/> probes in a row go unanswered, it disconnects. Any
/// message from the client counts as an answer.
/// </summary>
/// <remarks>
/// sshd's default is off (interval 0), which suits a login server whose sessions end when
/// people log out. A relay's sessions are unattended <c>ssh -N -R</c> processes behind NATs and
/// laptops that sleep; a dead one keeps its tunnel names (visitors get errors and the owner's
/// reconnect lands in a pool with a corpse) until TCP gives up, which takes hours. 15 s and 3
/// notice a dead client in about a minute, cost one small packet per idle session every 15 s,
/// and stay well inside the 30 to 60 s that NATs and load balancers keep an idle flow.
/// </remarks>
/// <param name="Interval">Silence after which a probe is sent; <see cref="TimeSpan.Zero"/> turns probing off.</param>
/// <param name="CountMax">Unanswered probes after which the client is disconnected (at least 1).</param>
public sealed record ClientAliveOptions(TimeSpan Interval, int CountMax)
{
    /// <summary>15 s, 3 probes: see the remarks.</summary>
    public static ClientAliveOptions Default { get; } = new(TimeSpan.FromSeconds(15), 3);

    /// <summary>No probes (sshd's default).</summary>
    public static ClientAliveOptions Off { get; } = new(TimeSpan.Zero, 3);

    /// <summary>True when probes are sent.</summary>
    public bool Enabled => Interval > TimeSpan.Zero;
}
