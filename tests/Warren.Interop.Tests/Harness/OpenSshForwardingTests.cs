using System.Net;
using System.Net.Sockets;
using System.Text;
using Warren.Interop.Tests.Infrastructure;

namespace Warren.Interop.Tests.Harness;

/// <summary>A long-running ssh (-N -L) through real sshd: the background-process helpers work end to end.</summary>
public sealed class OpenSshForwardingTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task StartBackground_LocalForward_CarriesBytesBothWays()
    {
        using var target = new TcpListener(IPAddress.Loopback, 0);
        target.Start();
        var targetPort = ((IPEndPoint)target.LocalEndpoint).Port;
        using var server = await OpenSshServer.StartAsync(hostKeyTypes: ["ed25519"]);
        using var client = OpenSshClient.WithIdentity(await server.AuthorizeNewClientKeyAsync());
        var localPort = FreePort.Get();

        using var ssh = client.StartBackground(
            server.Port,
            ["ExitOnForwardFailure=yes"],
            ["-N", "-L", $"127.0.0.1:{localPort}:127.0.0.1:{targetPort}"]);

        // Not WaitFor.PortOpenAsync: its probe connection would be forwarded to the target too.
        await ssh.Output.WaitForTextAsync($"Local connections to 127.0.0.1:{localPort} forwarded", Timeout);
        Assert.False(ssh.HasExited, ssh.Output.ToString());

        using var visitor = new TcpClient();
        await visitor.ConnectAsync(IPAddress.Loopback, localPort).WaitAsync(Timeout);
        using var backend = await target.AcceptTcpClientAsync().WaitAsync(Timeout);
        await visitor.GetStream().WriteAsync(Encoding.ASCII.GetBytes("ping")).AsTask().WaitAsync(Timeout);
        Assert.Equal("ping", await ReadAsync(backend.GetStream(), 4));
        await backend.GetStream().WriteAsync(Encoding.ASCII.GetBytes("pong")).AsTask().WaitAsync(Timeout);
        Assert.Equal("pong", await ReadAsync(visitor.GetStream(), 4));
    }

    [Fact]
    public async Task TerminateAsync_RunningSsh_EndsIt()
    {
        using var server = await OpenSshServer.StartAsync(hostKeyTypes: ["ed25519"]);
        using var client = OpenSshClient.WithIdentity(await server.AuthorizeNewClientKeyAsync());
        using var ssh = client.StartBackground(server.Port, extraArgs: ["-N"]);
        await ssh.Output.WaitForTextAsync("Authenticated to 127.0.0.1", Timeout);

        await ssh.TerminateAsync(Timeout);

        Assert.True(ssh.HasExited);
    }

    private static async Task<string> ReadAsync(NetworkStream stream, int count)
    {
        var buffer = new byte[count];
        await stream.ReadExactlyAsync(buffer).AsTask().WaitAsync(Timeout);
        return Encoding.ASCII.GetString(buffer);
    }
}
