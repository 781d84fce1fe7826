using System.Diagnostics;
using System.Net.Sockets;

namespace Warren.Interop.Tests.Infrastructure;

/// <summary>
/// Waits for a condition instead of sleeping a fixed time: polls every 50 ms until it holds
/// or the timeout passes, then throws <see cref="TimeoutException"/> naming what was awaited.
/// </summary>
internal static class WaitFor
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(50);

    public static Task ConditionAsync(Func<bool> condition, TimeSpan timeout, string description) =>
        ConditionAsync(_ => Task.FromResult(condition()), timeout, description);

    public static async Task ConditionAsync(Func<CancellationToken, Task<bool>> condition, TimeSpan timeout, string description)
    {
        using var deadline = new CancellationTokenSource(timeout);
        var clock = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                if (await condition(deadline.Token).WaitAsync(deadline.Token))
                {
                    return;
                }

                await Task.Delay(PollInterval, deadline.Token);
            }
            catch (OperationCanceledException) when (deadline.IsCancellationRequested)
            {
                throw new TimeoutException($"Timed out after {clock.Elapsed.TotalSeconds:F1}s waiting for {description}.");
            }
        }
    }

    /// <summary>
    /// Waits until <paramref name="host"/>:<paramref name="port"/> accepts a TCP connection. The probe
    /// is a real connection: on a forwarding port (ssh -L, a tunnel) it reaches the far side too,
    /// so wait for the forwarder's log line there instead.
    /// </summary>
    public static Task PortOpenAsync(string host, int port, TimeSpan timeout) =>
        ConditionAsync(ct => IsPortOpenAsync(host, port, ct), timeout, $"{host}:{port} to accept a TCP connection");

    /// <summary>One connection attempt (at most 1 s); true if it was accepted. The connection is closed at once.</summary>
    public static async Task<bool> IsPortOpenAsync(string host, int port, CancellationToken cancellationToken)
    {
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        attempt.CancelAfter(TimeSpan.FromSeconds(1));
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(host, port, attempt.Token);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }
}
