using Warren.Interop.Tests.Infrastructure;

namespace Warren.Interop.Tests.Harness;

/// <summary>The harness against the real <c>warren serve</c>: it starts, shows its host key, negotiates, stops on SIGTERM.</summary>
public sealed class WarrenServeTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task StartAsync_Serve_ListensAndShowsHostKeyToKeyscan()
    {
        using var warren = await WarrenProcess.StartAsync();

        var result = await SshKeyscan.RunAsync(warren.Port, "ed25519");

        var key = Assert.Single(SshKeyscan.Keys(result));
        Assert.Equal("ssh-ed25519", key.Algorithm);
        Assert.True(File.Exists(Path.Combine(warren.DataDir, "ssh_host_ed25519_key")), warren.Output.ToString());
    }

    [Fact]
    public async Task Ssh_AgainstWarren_CompletesKeyExchange()
    {
        using var warren = await WarrenProcess.StartAsync(["--ciphers", "aes256-gcm@openssh.com"]);
        using var client = await OpenSshClient.CreateAsync();

        var result = await client.RunAsync(warren.Port);

        // Authentication arrives with later work; key exchange must already complete.
        Assert.Contains("cipher: aes256-gcm@openssh.com", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TerminateAsync_Serve_ExitsGracefully()
    {
        using var warren = await WarrenProcess.StartAsync();

        var code = await warren.TerminateAsync(Timeout);

        Assert.Equal(0, code);
    }
}
