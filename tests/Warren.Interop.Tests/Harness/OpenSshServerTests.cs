using Warren.Interop.Tests.Infrastructure;

namespace Warren.Interop.Tests.Harness;

/// <summary>Smoke tests of the harness against real OpenSSH: sshd, ssh, ssh-keyscan.</summary>
public sealed class OpenSshServerTests
{
    [Fact]
    public async Task StartAsync_Defaults_ListensWithThreeHostKeys()
    {
        using var server = await OpenSshServer.StartAsync();

        Assert.True(await WaitFor.IsPortOpenAsync("127.0.0.1", server.Port, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(["ecdsa", "ed25519", "rsa"], server.HostKeyFiles.Keys.Order());
        await server.Log.WaitForTextAsync($"Server listening on 127.0.0.1 port {server.Port}", TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Ssh_AuthorizedKey_RunsCommand()
    {
        using var server = await OpenSshServer.StartAsync();
        var key = await server.AuthorizeNewClientKeyAsync();
        using var client = OpenSshClient.WithIdentity(key);

        var result = await client.RunAsync(server.Port, command: "echo warren-ok");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("warren-ok", result.Stdout.Trim());
        Assert.Contains("Authenticated to 127.0.0.1", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ssh_UnknownKey_PermissionDenied()
    {
        using var server = await OpenSshServer.StartAsync(hostKeyTypes: ["ed25519"]);
        using var client = await OpenSshClient.CreateAsync();

        var result = await client.RunAsync(server.Port);

        Assert.Equal(255, result.ExitCode);
        Assert.Contains("Permission denied (publickey)", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartAsync_ExtraConfigLines_OverrideDefaults()
    {
        using var server = await OpenSshServer.StartAsync(["KexAlgorithms curve25519-sha256"], ["ed25519"]);
        using var client = await OpenSshClient.CreateAsync();

        var result = await client.RunAsync(server.Port, ["KexAlgorithms=diffie-hellman-group14-sha256"]);

        Assert.Equal(255, result.ExitCode);
        Assert.Contains("no matching key exchange method found", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ssh_ClientOption_ChoosesCipher()
    {
        using var server = await OpenSshServer.StartAsync(hostKeyTypes: ["ed25519"]);
        using var client = OpenSshClient.WithIdentity(await server.AuthorizeNewClientKeyAsync("ecdsa"));

        var result = await client.RunAsync(server.Port, ["Ciphers=aes128-ctr", "MACs=hmac-sha2-256-etm@openssh.com"]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("cipher: aes128-ctr MAC: hmac-sha2-256-etm@openssh.com", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SshKeyscan_Ed25519_ReadsServerHostKey()
    {
        using var server = await OpenSshServer.StartAsync();
        var expected = server.HostPublicKey("ed25519").Split(' ')[1];

        var result = await SshKeyscan.RunAsync(server.Port, "ed25519");

        var key = Assert.Single(SshKeyscan.Keys(result));
        Assert.Equal(("ssh-ed25519", expected), key);
    }
}
