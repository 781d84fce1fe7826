using Warren.Interop.Tests.Infrastructure;

namespace Warren.Interop.Tests.Edge;

/// <summary>
/// <c>ssh -T -R FORWARD relay OPTIONS</c>, kept open (stdin stays open): back once the session's
/// greeting names its options, which the relay prints only after every forward is bound with them.
/// </summary>
internal static class OptionsPublisher
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    public static BackgroundProcess Start(OpenSshClient client, int sshPort, string forward, string options) =>
        client.StartBackground(sshPort, ["ExitOnForwardFailure=yes"], ["-T", "-R", forward], command: options, keepInputOpen: true);

    public static async Task<BackgroundProcess> PublishAsync(OpenSshClient client, int sshPort, string forward, string options)
    {
        var ssh = Start(client, sshPort, forward, options);
        try
        {
            await WaitForOptionsAsync(ssh);
            return ssh;
        }
        catch
        {
            ssh.Dispose();
            throw;
        }
    }

    public static async Task WaitForOptionsAsync(BackgroundProcess ssh)
    {
        await WaitFor.ConditionAsync(
            () => ssh.HasExited || ssh.Output.Contains("Tunnel options of this session: "),
            Timeout,
            "the session's greeting to name its tunnel options");
        if (ssh.HasExited)
        {
            throw new InvalidOperationException($"ssh exited before its greeting:\n{ssh.Output}");
        }
    }
}
