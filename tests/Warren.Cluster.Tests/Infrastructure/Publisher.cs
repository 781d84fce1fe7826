using Warren.Interop.Tests.Infrastructure;

namespace Warren.Cluster.Tests.Infrastructure;

/// <summary><c>ssh -N -R FORWARD</c> to one node, left running; awaited until the forward is bound.</summary>
internal static class Publisher
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    public static async Task<BackgroundProcess> StartAsync(OpenSshClient client, WarrenProcess node, string forward, string successText)
    {
        var ssh = Start(client, node, forward);
        try
        {
            await WaitFor.ConditionAsync(() => IsBound(ssh, successText), Timeout, $"ssh to report the remote forward ({successText}) as bound. ssh:\n{ssh.Output}");
            return ssh;
        }
        catch
        {
            ssh.Dispose();
            throw;
        }
    }

    /// <summary>Starts the publisher without waiting: for binds that race or that are refused.</summary>
    public static BackgroundProcess Start(OpenSshClient client, WarrenProcess node, string forward) =>
        client.StartBackground(node.Port, ["ExitOnForwardFailure=yes"], ["-N", "-R", forward], host: node.Host);

    public static bool IsBound(BackgroundProcess ssh, string successText) =>
        ssh.Output.ToString().Split('\n').Any(line => line.Contains("remote forward success", StringComparison.Ordinal) && line.Contains(successText, StringComparison.Ordinal));

    public static string UniqueName() => "c" + Guid.NewGuid().ToString("N")[..12];
}
