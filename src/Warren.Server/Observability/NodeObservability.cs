using Akka.Actor;
using Akka.Actor.Setup;
using Akka.Configuration;
using Microsoft.Extensions.Logging;
using Prometheus;
using Warren.Relay.Metrics;
using Warren.Server.Configuration;

namespace Warren.Server.Observability;

/// <summary>
/// Everything an operator sees of one node, set up for <c>warren serve</c>: the console log
/// (text or JSON, Akka's log bridged into it), the metrics registry, readiness, and the metrics
/// server with the optional admin API. <see cref="Create"/> runs before the actor system (so a
/// bad admin token fails the start early), <see cref="StartAsync"/> after the node exists.
/// Dispose it after the actor system, so /readyz answers 503 until the process ends.
/// </summary>
internal sealed class NodeObservability : IAsyncDisposable
{
    private static int _metricsConfigured;

    private readonly ServeOptions _options;
    private readonly AdminToken? _adminToken;
    private MetricsServer? _server;

    private NodeObservability(ServeOptions options, ILoggerFactory loggers, AdminToken? adminToken)
    {
        _options = options;
        Loggers = loggers;
        _adminToken = adminToken;
    }

    public ILoggerFactory Loggers { get; }

    public NodeReadiness Readiness { get; } = new();

    /// <summary>The metrics server's address once started, e.g. <c>http://127.0.0.1:9464</c>.</summary>
    public string? MetricsAddress => _server?.Address;

    public static NodeObservability Create(ServeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var adminToken = options.AdminTokenFile is { } file ? AdminToken.Load(file) : null;

        if (Interlocked.Exchange(ref _metricsConfigured, 1) == 0)
        {
            // prometheus-net's process and GC collectors stay; its EventCounter and Meter adapters
            // would export hundreds of series whose names we do not choose. Once per process.
            Metrics.SuppressDefaultMetrics(new SuppressDefaultMetricOptions
            {
                SuppressEventCounters = true,
                SuppressMeters = true,
                SuppressDebugMetrics = true,
            });
            RelayMetrics.ObserveRuntime();
        }

        if (options.MetricsPerTunnel)
        {
            RelayMetrics.EnablePerTunnel(options.MetricsPerTunnelLimit);
        }

        return new NodeObservability(options, LogSetup.CreateFactory(options.LogFormat), adminToken);
    }

    /// <summary>The actor system's setup: <paramref name="config"/> with Akka's log sent to <see cref="Loggers"/>.</summary>
    public ActorSystemSetup ActorSystemSetup(Config config)
    {
        var loggers = ConfigurationFactory.ParseString($"akka.loggers = [\"{AkkaLogBridge.TypeName}\"]");
        return BootstrapSetup.Create().WithConfig(loggers.WithFallback(config)).And(new AkkaLoggerSetup(Loggers));
    }

    /// <summary>The node runs and its SSH socket is bound: serve metrics, health and admin, and drain on shutdown.</summary>
    public async Task StartAsync(ActorSystem system, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(system);
        ArgumentNullException.ThrowIfNull(output);
        CoordinatedShutdown.Get(system).AddTask(CoordinatedShutdown.PhaseBeforeServiceUnbind, "warren-not-ready", () =>
        {
            // First thing on SIGTERM: load balancers see 503 and stop sending new sessions.
            Readiness.MarkDraining();
            return Task.FromResult(Akka.Done.Instance);
        });
        var admin = _adminToken is null ? null : new AdminApi(_adminToken, system);
        _server = await MetricsServer.StartAsync(_options.MetricsListen, _options.LogFormat, Readiness, admin, cancellationToken).ConfigureAwait(false);
        Readiness.MarkListening();
        await output.WriteLineAsync($"metrics on {_server.Address} (/metrics, /healthz, /readyz{(admin is null ? string.Empty : ", /admin")})").ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        Readiness.MarkStopped();
        if (_server is not null)
        {
            await _server.DisposeAsync().ConfigureAwait(false);
        }

        Loggers.Dispose();
    }
}
