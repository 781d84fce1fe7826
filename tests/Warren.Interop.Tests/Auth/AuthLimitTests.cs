using System.Net.Sockets;
using Renci.SshNet;
using Warren.Interop.Tests.Infrastructure;

namespace Warren.Interop.Tests.Auth;

/// <summary>MaxAuthTries, LoginGraceTime, PerSourcePenalties, banner and passwords, from outside.</summary>
public sealed class AuthLimitTests
{
    [Fact]
    public async Task MaxAuthTries_MoreKeysThanAllowed_Disconnects()
    {
        using var dir = new TempDirectory("warren-limits-");
        var keys = new List<SshKeyPair>();
        for (var i = 0; i < 4; i++)
        {
            keys.Add(await SshKeygen.GenerateAsync(dir.Path, "ed25519", $"k{i}"));
        }

        using var warren = await WarrenProcess.StartAsync(["--max-auth-tries", "2", "--per-source-penalties", "no"]);
        using var client = OpenSshClient.WithIdentity(keys[0]);

        var result = await client.RunAsync(warren.Port, extraArgs: keys.Skip(1).SelectMany(k => new[] { "-i", k.PrivateKeyPath }));

        Assert.Contains("too many authentication failures", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoginGraceTime_ClientThatNeverAuthenticates_IsCut()
    {
        using var warren = await WarrenProcess.StartAsync(["--login-grace-time", "2"]);
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync("127.0.0.1", warren.Port);
        using var stream = new NetworkStream(socket);
        await stream.WriteAsync("SSH-2.0-Idle_1.0\r\n"u8.ToArray());

        // Read (and drop) what the server sends until it closes the connection.
        var buffer = new byte[4096];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (await stream.ReadAsync(buffer, timeout.Token) > 0)
        {
        }

        await warren.Output.WaitForTextAsync("login grace time exceeded", TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task PerSourcePenalties_SourceThatKeepsFailing_IsRefusedThenLetBack()
    {
        using var stranger = await OpenSshClient.CreateAsync();
        using var warren = await WarrenProcess.StartAsync();

        // Each refused login adds 5 s; from 15 s on the source is refused outright (sshd's defaults).
        var refusedAfter = 0;
        for (var attempt = 1; attempt <= 10 && refusedAfter == 0; attempt++)
        {
            var result = await stranger.RunAsync(warren.Port);
            if (!result.Stderr.Contains("Permission denied", StringComparison.Ordinal))
            {
                refusedAfter = attempt;
            }
        }

        Assert.InRange(refusedAfter, 4, 10);
        await warren.Output.WaitForTextAsync("penalised for repeated failures", TimeSpan.FromSeconds(10));

        await WaitFor.ConditionAsync(
            async _ => (await stranger.RunAsync(warren.Port)).Stderr.Contains("Permission denied", StringComparison.Ordinal),
            TimeSpan.FromSeconds(60),
            "the penalty to expire");
    }

    [Fact]
    public async Task Banner_Configured_IsShownBeforeAuthentication()
    {
        using var dir = new TempDirectory("warren-banner-");
        var banner = dir.Combine("banner");
        await File.WriteAllTextAsync(banner, "Authorised tunnels only.\n");
        using var client = await OpenSshClient.CreateAsync();
        using var warren = await WarrenProcess.StartAsync(["--banner", banner, "--per-source-penalties", "no"]);

        var result = await client.RunAsync(warren.Port, options: ["LogLevel=INFO"]);

        Assert.Contains("Authorised tunnels only.", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SshNet_AuthorizedKey_Authenticates()
    {
        using var dir = new TempDirectory("warren-sshnet-");
        var key = await SshKeygen.GenerateAsync(dir.Path, "ed25519", "id");
        var authorized = dir.Combine("authorized_keys");
        await File.WriteAllTextAsync(authorized, key.PublicKey + "\n");
        using var warren = await WarrenProcess.StartAsync(["--authorized-keys", authorized]);

        using var privateKey = new PrivateKeyFile(key.PrivateKeyPath);
        using var client = new SshClient("127.0.0.1", warren.Port, "tester", privateKey);
        client.HostKeyReceived += (_, e) => e.CanTrust = true;
        client.Connect();

        Assert.True(client.IsConnected);
    }

    [Fact]
    public async Task Password_FromPasswordFile_AuthenticatesSshNet()
    {
        using var dir = new TempDirectory("warren-password-");
        var passwords = dir.Combine("passwords");
        await File.WriteAllTextAsync(passwords, "alice:" + Warren.Ssh.Auth.PasswordHasher.Hash("correct horse", 100_000) + "\n");
        using var warren = await WarrenProcess.StartAsync(["--password-file", passwords, "--per-source-penalties", "no"]);

        using var good = new SshClient("127.0.0.1", warren.Port, "alice", "correct horse");
        good.HostKeyReceived += (_, e) => e.CanTrust = true;
        good.Connect();
        using var bad = new SshClient("127.0.0.1", warren.Port, "alice", "wrong");
        bad.HostKeyReceived += (_, e) => e.CanTrust = true;

        Assert.True(good.IsConnected);
        Assert.Throws<Renci.SshNet.Common.SshAuthenticationException>(bad.Connect);
    }
}
