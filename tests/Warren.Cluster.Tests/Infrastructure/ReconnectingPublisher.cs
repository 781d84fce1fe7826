using Warren.Interop.Tests.Infrastructure;

namespace Warren.Cluster.Tests.Infrastructure;

/// <summary>
/// A publisher as autossh runs one: <c>ssh -N -R FORWARD</c> to a node, and when ssh exits (the
/// node drained or died) the same again a second later, to the next node that is running.
/// </summary>
internal sealed class ReconnectingPublisher : IAsyncDisposable
{
    private static readonly TimeSpan ReconnectDelay = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(200);

    private readonly OpenSshClient _client;
    private readonly WarrenCluster _nodes;
    private readonly string _forward;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private int _connections;

    public ReconnectingPublisher(OpenSshClient client, WarrenCluster nodes, int firstNode, string forward)
    {
        _client = client;
        _nodes = nodes;
        _forward = forward;
        _loop = Task.Run(() => RunAsync(firstNode));
    }

    /// <summary>How many times ssh was started.</summary>
    public int Connections => Volatile.Read(ref _connections);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _loop.WaitAsync(TimeSpan.FromSeconds(30));
        }
        catch (OperationCanceledException)
        {
            // Stopped while waiting: the point of stopping.
        }

        _stop.Dispose();
    }

    private async Task RunAsync(int node)
    {
        var token = _stop.Token;
        while (!token.IsCancellationRequested)
        {
            if (_nodes.TryGet(node) is { } target)
            {
                Interlocked.Increment(ref _connections);
                using var ssh = Publisher.Start(_client, target, _forward);
                while (!ssh.HasExited && !token.IsCancellationRequested)
                {
                    await Task.Delay(PollInterval, token);
                }
            }

            await Task.Delay(ReconnectDelay, token);
            node = (node % WarrenCluster.Size) + 1;
        }
    }
}
