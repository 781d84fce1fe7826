using Warren.Interop.Tests.Infrastructure;

namespace Warren.Interop.Tests.Auth;

/// <summary>
/// Public key authentication through the command line with keys made by ssh-keygen and the real
/// OpenSSH client. "Authenticated to" in ssh -vv is the login; what ssh does next (a session
/// channel, which the relay refuses until the connection layer lands) does not matter here.
/// </summary>
public sealed class OpenSshAuthTests
{
    private const string LoggedIn = "Authenticated to 127.0.0.1";
    private const string Refused = "Permission denied (publickey";

    [Theory]
    [InlineData("ed25519")]
    [InlineData("ecdsa")]
    [InlineData("rsa")]
    public async Task AuthorizedKeysFile_EachKeyType_LogsIn(string type)
    {
        using var keys = new TempDirectory("warren-auth-");
        using var client = await OpenSshClient.CreateAsync(type);
        var authorized = keys.Combine("authorized_keys");
        await File.WriteAllTextAsync(authorized, client.Identity.PublicKey + "\n");
        using var warren = await WarrenProcess.StartAsync(["--authorized-keys", authorized]);

        var result = await client.RunAsync(warren.Port);

        Assert.Contains(LoggedIn, result.Stderr, StringComparison.Ordinal);
        await WaitForLogAsync(warren, "auth success");
        Assert.Contains($"fingerprint={await FingerprintAsync(client.Identity.PublicKeyPath)}", warren.Output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AuthorizedKeysFile_StrangersKey_IsRefused()
    {
        using var keys = new TempDirectory("warren-auth-");
        using var friend = await OpenSshClient.CreateAsync();
        using var stranger = await OpenSshClient.CreateAsync();
        var authorized = keys.Combine("authorized_keys");
        await File.WriteAllTextAsync(authorized, friend.Identity.PublicKey + "\n");
        using var warren = await WarrenProcess.StartAsync(["--authorized-keys", authorized]);

        var result = await stranger.RunAsync(warren.Port);

        Assert.Contains(Refused, result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain(LoggedIn, result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AuthorizedKeysDirectory_KeyOfAnotherUser_IsRefused()
    {
        using var keys = new TempDirectory("warren-auth-");
        using var alice = await OpenSshClient.CreateAsync();
        await File.WriteAllTextAsync(keys.Combine("alice"), alice.Identity.PublicKey + "\n");
        using var warren = await WarrenProcess.StartAsync(["--authorized-keys", keys.Path]);

        var asAlice = await alice.RunAsync(warren.Port, user: "alice");
        var asBob = await alice.RunAsync(warren.Port, user: "bob");

        Assert.Contains(LoggedIn, asAlice.Stderr, StringComparison.Ordinal);
        Assert.Contains(Refused, asBob.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("from=\"10.1.2.0/24\"")]
    [InlineData("from=\"!127.0.0.1,*\"")]
    [InlineData("expiry-time=\"20200101\"")]
    public async Task AuthorizedKeyOption_ThatExcludesThisLogin_RefusesTheKey(string option)
    {
        using var keys = new TempDirectory("warren-auth-");
        using var client = await OpenSshClient.CreateAsync();
        var authorized = keys.Combine("authorized_keys");
        await File.WriteAllTextAsync(authorized, option + " " + client.Identity.PublicKey + "\n");
        using var warren = await WarrenProcess.StartAsync(["--authorized-keys", authorized]);

        var result = await client.RunAsync(warren.Port);

        Assert.Contains(Refused, result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AuthorizedKeysFile_EditedWhileRunning_TakesEffectWithoutRestart()
    {
        using var keys = new TempDirectory("warren-auth-");
        using var client = await OpenSshClient.CreateAsync();
        var authorized = keys.Combine("authorized_keys");
        await File.WriteAllTextAsync(authorized, "# nobody yet\n");
        using var warren = await WarrenProcess.StartAsync(["--authorized-keys", authorized, "--per-source-penalties", "no"]);
        var first = await client.RunAsync(warren.Port);
        Assert.True(
            first.Stderr.Contains(Refused, StringComparison.Ordinal),
            $"the login before the key was added should be refused. ssh said:\n{first.Stderr}\nwarren said:\n{warren.Output}");

        await File.AppendAllTextAsync(authorized, client.Identity.PublicKey + "\n");

        // The file is checked for changes at most once a second: retry until the login works.
        string last = string.Empty;
        await WaitFor.ConditionAsync(
            async _ => (last = (await client.RunAsync(warren.Port)).Stderr).Contains(LoggedIn, StringComparison.Ordinal),
            TimeSpan.FromSeconds(30),
            "the added key to be accepted");
    }

    [Fact]
    public async Task Anonymous_AnyKey_LogsInAsItsFingerprint()
    {
        using var client = await OpenSshClient.CreateAsync();
        using var warren = await WarrenProcess.StartAsync(["--anonymous"]);

        var result = await client.RunAsync(warren.Port);

        Assert.Contains(LoggedIn, result.Stderr, StringComparison.Ordinal);
        await WaitForLogAsync(warren, "auth success");
        Assert.Contains($"user={await FingerprintAsync(client.Identity.PublicKeyPath)}", warren.Output.ToString(), StringComparison.Ordinal);
    }

    private static async Task WaitForLogAsync(WarrenProcess warren, string text) =>
        await warren.Output.WaitForTextAsync(text, TimeSpan.FromSeconds(20));

    private static async Task<string> FingerprintAsync(string publicKeyPath)
    {
        var result = await ProcessRunner.RunAsync(SshTools.SshKeygen, ["-l", "-f", publicKeyPath], SshTools.CommandTimeout);
        return result.Stdout.Split(' ')[1];
    }
}
