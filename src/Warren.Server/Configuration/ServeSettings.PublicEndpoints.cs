namespace Warren.Server.Configuration;

/// <summary>
/// Where people reach the relay when that is not where it listens: behind a load balancer or a
/// Kubernetes Service that maps 22 to 2222 and 80 to 8080. The session texts print these, and
/// force-https redirects to the public TLS port. Each defaults to its listener.
/// </summary>
internal static partial class ServeSettings
{
    private static ServeSetting[] PublicEndpointSettings =>
    [
        new()
        {
            Flag = "--public-ssh-host", Metavar = "NAME", Key = "Public:SshHost", Shape = SettingShape.Scalar,
            Help = "host name people give ssh, as the session texts print it (default: --domain)",
            Apply = (o, v) => SettingValues.Domain(v, out var h) ?? Set(() => o.PublicSshHost = h),
        },
        new()
        {
            Flag = "--public-ssh-port", Metavar = "PORT", Key = "Public:SshPort", Shape = SettingShape.Scalar,
            Help = "SSH port people connect to (default: the --ssh-listen port)",
            Apply = (o, v) => SettingValues.Integer(v, 1, 65535, "22", out var p) ?? Set(() => o.PublicSshPort = p),
        },
        new()
        {
            Flag = "--public-http-port", Metavar = "PORT", Key = "Public:HttpPort", Shape = SettingShape.Scalar,
            Help = "HTTP edge port visitors use (default: the --http-listen port)",
            Apply = (o, v) => SettingValues.Integer(v, 1, 65535, "80", out var p) ?? Set(() => o.PublicHttpPort = p),
        },
        new()
        {
            Flag = "--public-tls-port", Metavar = "PORT", Key = "Public:TlsPort", Shape = SettingShape.Scalar,
            Help = "TLS edge port visitors use, also where force-https sends them (default: the --tls-listen port)",
            Apply = (o, v) => SettingValues.Integer(v, 1, 65535, "443", out var p) ?? Set(() => o.PublicTlsPort = p),
        },
    ];
}
