namespace Warren.Server.Configuration;

/// <summary>TLS on the node-to-node relay links; the files are read (and the pair checked) at start, in RelayLinkSetup.</summary>
internal static partial class ServeSettings
{
    private static ServeSetting[] RelayTlsSettings =>
    [
        new()
        {
            Flag = "--relay-tls-cert", Metavar = "FILE", Key = "Cluster:RelayTlsCert", Shape = SettingShape.Scalar,
            Help = "PEM certificate the relay links present; turns TLS on for them, with --relay-tls-key (default: none, plain TCP)",
            Apply = (o, v) => SettingValues.ExistingFile(v, "a PEM certificate file", out var p) ?? Set(() => o.RelayTlsCert = p),
        },
        new()
        {
            Flag = "--relay-tls-key", Metavar = "FILE", Key = "Cluster:RelayTlsKey", Shape = SettingShape.Scalar,
            Help = "PEM private key of --relay-tls-cert (default: none)",
            Apply = (o, v) => SettingValues.ExistingFile(v, "a PEM private key file", out var p) ?? Set(() => o.RelayTlsKey = p),
        },
        new()
        {
            Flag = "--relay-tls-ca", Metavar = "FILE", Key = "Cluster:RelayTlsCa", Shape = SettingShape.Scalar,
            Help = "PEM CA bundle that peers' relay-link certificates must chain to (default: none, peers must present --relay-tls-cert itself)",
            Apply = (o, v) => SettingValues.ExistingFile(v, "a PEM file of CA certificates", out var p) ?? Set(() => o.RelayTlsCa = p),
        },
    ];
}
