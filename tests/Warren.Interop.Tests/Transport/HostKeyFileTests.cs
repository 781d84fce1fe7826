using System.Globalization;
using Warren.Interop.Tests.Infrastructure;

namespace Warren.Interop.Tests.Transport;

/// <summary>
/// Host keys through the command line: `warren serve --host-key` reads what ssh-keygen writes
/// (openssh-key-v1 and PEM), `warren keygen` writes what ssh-keygen reads, and keys generated
/// on first start are private to their owner.
/// </summary>
public sealed class HostKeyFileTests
{
    [Theory]
    [InlineData("ed25519", null, false, "ssh-ed25519", "ED25519")]
    [InlineData("ecdsa", "256", true, "ecdsa-sha2-nistp256", "ECDSA")]
    [InlineData("ecdsa", "384", false, "ecdsa-sha2-nistp384", "ECDSA")]
    [InlineData("ecdsa", "521", true, "ecdsa-sha2-nistp521", "ECDSA")]
    [InlineData("rsa", "3072", false, "rsa-sha2-512", "RSA")]
    [InlineData("rsa", "2048", true, "rsa-sha2-256", "RSA")]
    public async Task Serve_HostKeyMadeBySshKeygen_OpenSshVerifiesIt(string type, string? bits, bool pem, string algorithm, string fingerprintType)
    {
        using var keys = new TempDirectory("warren-keys-");
        List<string> extra = bits is null ? [] : ["-b", bits];
        if (pem)
        {
            extra.AddRange(["-m", "PEM"]);
        }

        var hostKey = await SshKeygen.GenerateAsync(keys.Path, type, "host_key", extraArgs: extra);
        using var warren = await WarrenProcess.StartAsync(["--host-key", hostKey.PrivateKeyPath]);
        using var client = await OpenSshClient.CreateAsync();

        var result = await client.RunAsync(warren.Port, [$"HostKeyAlgorithms={algorithm}"]);

        var fingerprint = await FingerprintAsync(hostKey.PublicKeyPath);
        Assert.Contains($"Server host key: {hostKey.PublicKey.Split(' ')[0]} {fingerprint}", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("Authentications that can continue: publickey", result.Stderr, StringComparison.Ordinal);
        Assert.Contains($"({fingerprintType})", await ProcessRunnerText(SshTools.SshKeygen, ["-l", "-f", hostKey.PublicKeyPath]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_MissingHostKeyFile_ExitsWithTheFix()
    {
        var result = await WarrenProcess.RunToExitAsync(["serve", "--ssh-listen", "127.0.0.1:" + FreePort.Get().ToString(CultureInfo.InvariantCulture), "--host-key", "/nonexistent/key"]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("does not exist", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("warren keygen", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_FirstStart_GeneratesHostKeysWithMode0600()
    {
        using var warren = await WarrenProcess.StartAsync();

        foreach (var type in new[] { "ed25519", "ecdsa", "rsa" })
        {
            var path = Path.Combine(warren.DataDir, $"ssh_host_{type}_key");
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
            var derived = await ProcessRunnerText(SshTools.SshKeygen, ["-y", "-f", path]);
            Assert.Equal((await File.ReadAllTextAsync(path + ".pub")).Split(' ')[1], derived.Split(' ')[1]);
        }
    }

    [Theory]
    [InlineData("ed25519", "ssh-ed25519")]
    [InlineData("ecdsa", "ecdsa-sha2-nistp256")]
    [InlineData("rsa", "ssh-rsa")]
    public async Task Keygen_EachType_WritesAKeySshKeygenReads(string type, string keyType)
    {
        using var keys = new TempDirectory("warren-keygen-");
        var path = keys.Combine("key");

        var result = await WarrenProcess.RunToExitAsync(["keygen", "--type", type, "--out", path]);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        var derived = (await ProcessRunnerText(SshTools.SshKeygen, ["-y", "-f", path])).Split(' ');
        var written = (await File.ReadAllTextAsync(path + ".pub")).Split(' ');
        Assert.Equal(keyType, derived[0]);
        Assert.Equal(written[1], derived[1]);
    }

    [Fact]
    public async Task Keygen_ExistingFile_RefusesToOverwrite()
    {
        using var keys = new TempDirectory("warren-keygen-");
        var path = keys.Combine("key");
        await File.WriteAllTextAsync(path, "precious");

        var result = await WarrenProcess.RunToExitAsync(["keygen", "--type", "ed25519", "--out", path]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("exists", result.Stderr, StringComparison.Ordinal);
        Assert.Equal("precious", await File.ReadAllTextAsync(path));
    }

    private static async Task<string> FingerprintAsync(string publicKeyPath) =>
        (await ProcessRunnerText(SshTools.SshKeygen, ["-l", "-f", publicKeyPath])).Split(' ')[1];

    private static async Task<string> ProcessRunnerText(string program, IReadOnlyList<string> args)
    {
        var result = await ProcessRunner.RunAsync(program, args, SshTools.CommandTimeout);
        Assert.True(result.ExitCode == 0, result.ToString());
        return result.Stdout.Trim();
    }
}
