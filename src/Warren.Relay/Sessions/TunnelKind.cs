namespace Warren.Relay.Sessions;

/// <summary>What <c>ssh -R</c> made (ARCHITECTURE.md, "Tunnel naming").</summary>
public enum TunnelKind
{
    /// <summary><c>-R myapp:80:...</c>: served at http://myapp.&lt;domain&gt;/ by the HTTP edge.</summary>
    Http,

    /// <summary><c>-R myapp:443:...</c>: TLS passed through by SNI at the TLS edge.</summary>
    Tls,

    /// <summary><c>-R mydb:5432:...</c>: reached only through the relay (ssh -L, -W, -J).</summary>
    Alias,

    /// <summary><c>-R 0:...</c> or a free port: a TCP port on the relay itself.</summary>
    Port,
}
