using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Prometheus;
using Warren.Server.Configuration;
using Warren.Server.Hosting;

namespace Warren.Server.Observability;

/// <summary>
/// The operator's HTTP port (--metrics-listen): <c>/metrics</c> (Prometheus text format),
/// <c>/healthz</c> (the process answers), <c>/readyz</c> (see <see cref="NodeReadiness"/>) and,
/// when a token is configured, the admin API under <c>/admin</c> (<see cref="AdminApi"/>).
/// A small Kestrel app of its own, apart from the visitor edges, so that a flood of visitors
/// cannot starve the probes.
/// </summary>
internal sealed class MetricsServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private MetricsServer(WebApplication app, string address)
    {
        _app = app;
        Address = address;
    }

    /// <summary>The bound address, e.g. <c>http://127.0.0.1:9464</c> (the real port when 0 was asked for).</summary>
    public string Address { get; }

    /// <summary>Binds and starts serving; a port in use is an <see cref="OptionsException"/> naming --metrics-listen.</summary>
    public static async Task<MetricsServer> StartAsync(string listen, LogFormat logFormat, NodeReadiness readiness, AdminApi? admin, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(readiness);
        var endPoint = ResolveEndPoint(listen);
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        LogSetup.Configure(builder.Logging, logFormat);

        // A failed start is reported once, as warren's one-line start-up error, not as a host stack trace.
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting", LogLevel.None);
        builder.Services.AddSingleton<IHostLifetime, ExternalLifetime>();
        builder.Services.AddRoutingCore();
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel => kestrel.Listen(endPoint));
        var app = builder.Build();
        app.UseRouting();
        app.MapGet("/metrics", WriteMetricsAsync);
        app.MapGet("/healthz", () => Results.Text("ok\n"));
        app.MapGet("/readyz", () => Ready(readiness));
        if (admin is not null)
        {
            admin.Map(app);
        }
        else
        {
            app.Map("/admin/{**rest}", () => Results.Json(
                new AdminApi.Error("the admin API is off; start warren serve with --admin-token-file FILE"), statusCode: StatusCodes.Status404NotFound));
        }

        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (IOException e)
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw new OptionsException($"--metrics-listen: cannot listen on {listen}: {e.Message.TrimEnd('.')}; free the port or choose another --metrics-listen");
        }

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
            ?? $"http://{endPoint}";
        return new MetricsServer(app, address);
    }

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await _app.StopAsync(timeout.Token).ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private static async Task WriteMetricsAsync(HttpContext context)
    {
        context.Response.ContentType = "text/plain; version=0.0.4; charset=utf-8";
        await Metrics.DefaultRegistry.CollectAndExportAsTextAsync(context.Response.Body, context.RequestAborted).ConfigureAwait(false);
    }

    private static IResult Ready(NodeReadiness readiness)
    {
        var problems = readiness.Problems();
        return problems.Count == 0
            ? Results.Text("ready\n")
            : Results.Text("not ready: " + string.Join("; ", problems) + "\n", statusCode: StatusCodes.Status503ServiceUnavailable);
    }

    private static IPEndPoint ResolveEndPoint(string hostPort)
    {
        // The options loader has checked the syntax; a host name is resolved once, at start.
        var parsed = HostPort.Parse(hostPort);
        if (IPAddress.TryParse(parsed.Host.Trim('[', ']'), out var address))
        {
            return new IPEndPoint(address, parsed.Port);
        }

        var resolved = Dns.GetHostAddresses(parsed.Host).FirstOrDefault()
            ?? throw new OptionsException($"--metrics-listen: '{parsed.Host}' does not resolve; give an IP address, e.g. 0.0.0.0:9464");
        return new IPEndPoint(resolved, parsed.Port);
    }
}
