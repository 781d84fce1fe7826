using System.Globalization;
using Warren.Interop.Tests.Infrastructure;

namespace Warren.Interop.Tests.Limits;

/// <summary>
/// ClientAliveInterval/CountMax with the real OpenSSH client. The client's own keepalives are
/// off (ServerAliveInterval=0), so only warren's probes keep the session's traffic going.
/// </summary>
public sealed class ClientAliveTests(ClientAliveWarrenFixture server) : IClassFixture<ClientAliveWarrenFixture>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);
    private const string ProbeSeen = "client_input_global_request: rtype keepalive@openssh.com want_reply 1";

    [Fact]
    public async Task IdleLiveClient_AnswersEveryProbe_AndIsNotDropped()
    {
        using var client = await OpenSshClient.CreateAsync();
        using var ssh = client.StartBackground(server.Port, ["ServerAliveInterval=0"], ["-N"]);

        // More probes than CountMax: only the answers keep the session alive this long.
        await WaitFor.ConditionAsync(() => Count(ssh.Output.ToString(), ProbeSeen) >= 4, Timeout, "ssh to receive four keepalive probes");

        Assert.False(ssh.HasExited, ssh.Output.ToString());
        Assert.DoesNotContain("client not responding", ssh.Output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task StoppedClient_IsDisconnectedAfterCountMaxProbes()
    {
        using var client = await OpenSshClient.CreateAsync();
        using var ssh = client.StartBackground(server.Port, ["ServerAliveInterval=0"], ["-N"]);
        await ssh.Output.WaitForTextAsync(ProbeSeen, Timeout);
        var pid = ssh.Id.ToString(CultureInfo.InvariantCulture);
        var timeoutsBefore = Count(server.Output.ToString(), "client alive timeout");

        await ProcessRunner.RunAsync("/bin/kill", ["-STOP", pid], Timeout);
        try
        {
            await WaitFor.ConditionAsync(
                () => Count(server.Output.ToString(), "client alive timeout") > timeoutsBefore,
                Timeout,
                "warren to give up on the stopped client");
        }
        finally
        {
            await ProcessRunner.RunAsync("/bin/kill", ["-CONT", pid], Timeout);
        }

        // Woken up, ssh finds the connection gone (it may answer the queued probes into the closed
        // socket before it reads warren's DISCONNECT, so the reason is asserted in warren's log).
        Assert.Equal(255, await ssh.WaitForExitAsync(Timeout));
        Assert.Contains("probes=2: disconnecting", server.Output.ToString(), StringComparison.Ordinal);
    }

    private static int Count(string text, string what)
    {
        var count = 0;
        for (var at = text.IndexOf(what, StringComparison.Ordinal); at >= 0; at = text.IndexOf(what, at + what.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
