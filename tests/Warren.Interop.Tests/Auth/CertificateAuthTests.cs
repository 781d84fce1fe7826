using Warren.Interop.Tests.Infrastructure;

namespace Warren.Interop.Tests.Auth;

/// <summary>OpenSSH user certificates made by ssh-keygen -s, presented by the real OpenSSH client.</summary>
public sealed class CertificateAuthTests
{
    private const string LoggedIn = "Authenticated to 127.0.0.1";

    public static TheoryData<string, string[], bool> Cases => new()
    {
        { "right principal", ["-n", Environment.UserName, "-V", "-5m:+1h"], true },
        { "wrong principal", ["-n", "someone-else", "-V", "-5m:+1h"], false },
        { "expired", ["-n", Environment.UserName, "-V", "20200101:20200102"], false },
        { "source-address elsewhere", ["-n", Environment.UserName, "-O", "source-address=10.9.9.0/24"], false },
        { "source-address here", ["-n", Environment.UserName, "-O", "source-address=127.0.0.1/32"], true },
        { "unknown critical option", ["-n", Environment.UserName, "-O", "critical:nothing-known@example.com=yes"], false },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Certificate_FromTrustedCa_IsJudgedByItsContents(string name, string[] signOptions, bool admitted)
    {
        using var dir = new TempDirectory("warren-cert-");
        var ca = await SshKeygen.GenerateAsync(dir.Path, "ed25519", "ca");
        using var client = await OpenSshClient.CreateAsync();
        await SignAsync(ca, client.Identity, signOptions);
        using var warren = await WarrenProcess.StartAsync(["--trusted-user-ca-keys", ca.PublicKeyPath, "--per-source-penalties", "no"]);

        var result = await client.RunAsync(warren.Port);

        Assert.True(admitted == result.Stderr.Contains(LoggedIn, StringComparison.Ordinal), $"{name}: {result.Stderr}");
    }

    [Fact]
    public async Task Certificate_FromUntrustedCa_IsRefused()
    {
        using var dir = new TempDirectory("warren-cert-");
        var trusted = await SshKeygen.GenerateAsync(dir.Path, "ed25519", "trusted");
        var rogue = await SshKeygen.GenerateAsync(dir.Path, "ed25519", "rogue");
        using var client = await OpenSshClient.CreateAsync();
        await SignAsync(rogue, client.Identity, ["-n", Environment.UserName]);
        using var warren = await WarrenProcess.StartAsync(["--trusted-user-ca-keys", trusted.PublicKeyPath]);

        var result = await client.RunAsync(warren.Port);

        Assert.DoesNotContain(LoggedIn, result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Certificate_WhoseKeyIsRevoked_IsRefused()
    {
        using var dir = new TempDirectory("warren-cert-");
        var ca = await SshKeygen.GenerateAsync(dir.Path, "ed25519", "ca");
        using var client = await OpenSshClient.CreateAsync();
        await SignAsync(ca, client.Identity, ["-n", Environment.UserName]);
        var revoked = dir.Combine("revoked_keys");
        await File.WriteAllTextAsync(revoked, client.Identity.PublicKey + "\n");
        using var warren = await WarrenProcess.StartAsync(["--trusted-user-ca-keys", ca.PublicKeyPath, "--revoked-keys", revoked]);

        var result = await client.RunAsync(warren.Port);

        Assert.DoesNotContain(LoggedIn, result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Certificate_FromCertAuthorityLine_LogsIn()
    {
        using var dir = new TempDirectory("warren-cert-");
        var ca = await SshKeygen.GenerateAsync(dir.Path, "ed25519", "ca");
        using var client = await OpenSshClient.CreateAsync();
        await SignAsync(ca, client.Identity, ["-n", "deploy"]);
        var authorized = dir.Combine("authorized_keys");
        await File.WriteAllTextAsync(authorized, $"cert-authority,principals=\"deploy\" {ca.PublicKey}\n");
        using var warren = await WarrenProcess.StartAsync(["--authorized-keys", authorized]);

        var result = await client.RunAsync(warren.Port);

        Assert.Contains(LoggedIn, result.Stderr, StringComparison.Ordinal);
    }

    private static async Task SignAsync(SshKeyPair ca, SshKeyPair user, IEnumerable<string> options)
    {
        var result = await ProcessRunner.RunAsync(
            SshTools.SshKeygen,
            ["-q", "-s", ca.PrivateKeyPath, "-I", "test-cert", .. options, user.PublicKeyPath],
            SshTools.CommandTimeout);
        Assert.True(result.ExitCode == 0, result.ToString());
    }
}
