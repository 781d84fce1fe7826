using System.Globalization;
using System.Security.Cryptography.X509Certificates;
using Warren.Interop.Tests.Infrastructure;

namespace Warren.Interop.Tests.Edge;

/// <summary>
/// <c>warren serve --anonymous</c> with the HTTP edge and the TLS edge (a self-signed
/// *.localhost certificate made here), short header and keep-alive timeouts so the tests see
/// them act, and room for many visitors from 127.0.0.1; plus the test service. Shared by a class.
/// </summary>
public sealed class EdgeWarrenFixture : IAsyncLifetime, IDisposable
{
    private readonly TempDirectory _files = new("warren-edge-");
    private WarrenProcess? _process;
    private EdgeBackend? _backend;

    public int SshPort => _process!.Port;

    public int HttpPort => _process!.HttpPort;

    public int MetricsPort => _process!.MetricsPort;

    public int TlsPort { get; private set; }

    public int BackendPort => _backend!.Port;

    /// <summary>Seconds of Kestrel's keep-alive timeout at this edge (shortened from 130).</summary>
    public static int KeepAliveSeconds => 2;

    internal X509Certificate2 RelayCertificate { get; } = EdgeCertificates.Create("*.localhost", "*.localhost");

    internal OutputBuffer Output => _process!.Output;

    public async Task InitializeAsync()
    {
        var cert = Path.Combine(_files.Path, "relay.crt");
        var key = Path.Combine(_files.Path, "relay.key");
        EdgeCertificates.WritePem(RelayCertificate, cert, key);
        TlsPort = FreePort.Get();
        _backend = await EdgeBackend.StartAsync();
        _process = await WarrenProcess.StartAsync(
        [
            "--anonymous",
            "--tls-listen", "127.0.0.1:" + TlsPort.ToString(CultureInfo.InvariantCulture),
            "--tls-cert", cert,
            "--tls-key", key,
            "--http-header-timeout", "2",
            "--http-keep-alive", KeepAliveSeconds.ToString(CultureInfo.InvariantCulture),
            "--edge-max-connections-per-address", "5000",
        ]);

        // The SSH port opens first; the edge binds right after it.
        await WaitFor.PortOpenAsync("127.0.0.1", HttpPort, TimeSpan.FromSeconds(30));
        await WaitFor.PortOpenAsync("127.0.0.1", TlsPort, TimeSpan.FromSeconds(30));
    }

    public void Dispose()
    {
        _process?.Dispose();
        RelayCertificate.Dispose();
        _files.Dispose();
    }

    public async Task DisposeAsync()
    {
        _process?.Dispose();
        if (_backend is not null)
        {
            await _backend.DisposeAsync();
        }

        RelayCertificate.Dispose();
        _files.Dispose();
    }
}
