namespace Warren.Server.Configuration;

/// <summary>The opt-in metrics: a <c>tunnel</c> label for operators with few tunnels.</summary>
internal static partial class ServeSettings
{
    private static ServeSetting[] MetricsSettings =>
    [
        new()
        {
            Flag = "--metrics-per-tunnel", Metavar = "", Key = "Metrics:PerTunnel", Shape = SettingShape.Switch,
            Help = "also export warren_tunnel_* series with a tunnel label (default: off)",
            Apply = (o, v) => SettingValues.Boolean(v, out var b) ?? Set(() => o.MetricsPerTunnel = b),
        },
        new()
        {
            Flag = "--metrics-per-tunnel-limit", Metavar = "N", Key = "Metrics:PerTunnelLimit", Shape = SettingShape.Scalar,
            Help = "tunnels that get a label of their own; the rest count as tunnel=\"other\" (default: 50)",
            Apply = (o, v) => SettingValues.Integer(v, 1, 10_000, "50", out var n) ?? Set(() => o.MetricsPerTunnelLimit = n),
        },
    ];
}
