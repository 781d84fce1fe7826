using Warren.Relay.Sessions;

namespace Warren.Relay.Tests.Sessions;

/// <summary>One account with three tunnels over two sessions, at a fixed time.</summary>
internal static class SessionFixtures
{
    public static readonly DateTimeOffset Now = new(2026, 11, 25, 22, 30, 0, TimeSpan.Zero);

    public static readonly RelayEndpoints Endpoints = new("example.com", "example.com", 2222, 8080, 8443);

    public static readonly SessionInfo Session = new("alice", "s1", "203.0.113.7:50123", Now.AddMinutes(-12).AddSeconds(-30), 3, 2);

    public static readonly TunnelInfo MyApp = new("myapp", TunnelKind.Http, 80, "s1", Now.AddMinutes(-12));

    public static readonly TunnelInfo MyDb = new("mydb", TunnelKind.Alias, 5432, "s1", Now.AddMinutes(-12));

    public static readonly TunnelInfo Secure = new("secure", TunnelKind.Tls, 443, "s2", Now.AddHours(-2));

    public static ExecContext Context(params TunnelInfo[] tunnels) =>
        new(Session, tunnels, 2, SessionLimits.Default, Endpoints, Now);

    public static ExecContext FullContext() => Context(MyApp, MyDb, Secure);
}
