namespace Warren.Interop.Tests.Infrastructure;

/// <summary>Publishes tunnels with a long-lived <c>ssh -N -R ...</c> (one ssh may carry many -R) and waits until ssh reports every one bound.</summary>
internal static class TunnelPublisher
{
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    public static async Task<BackgroundProcess> PublishAsync(OpenSshClient client, int sshPort, IReadOnlyList<string> forwards, TimeSpan? timeout = null, string? user = null)
    {
        var args = new List<string> { "-N" };
        foreach (var forward in forwards)
        {
            args.Add("-R");
            args.Add(forward);
        }

        var ssh = client.StartBackground(sshPort, ["ExitOnForwardFailure=yes"], args, user: user);
        try
        {
            await WaitFor.ConditionAsync(
                () => ssh.HasExited || CountBound(ssh.Output.ToString()) >= forwards.Count,
                timeout ?? DefaultTimeout,
                $"ssh to report {forwards.Count} remote forwards bound");
            return ssh.HasExited ? throw new InvalidOperationException($"ssh exited before its forwards were bound:\n{ssh.Output}") : ssh;
        }
        catch
        {
            ssh.Dispose();
            throw;
        }
    }

    private static int CountBound(string output)
    {
        var count = 0;
        foreach (var line in output.Split('\n'))
        {
            if (line.Contains("remote forward success", StringComparison.Ordinal))
            {
                count++;
            }
        }

        return count;
    }
}
