using Microsoft.Extensions.Hosting;

namespace Warren.Server.Observability;

/// <summary>
/// A host lifetime that leaves Ctrl+C and SIGTERM alone: <c>warren serve</c> handles them (it
/// drains the node first), and the metrics server must keep answering /readyz while it does.
/// </summary>
internal sealed class ExternalLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
