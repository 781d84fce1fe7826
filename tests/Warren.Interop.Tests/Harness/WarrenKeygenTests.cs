using Warren.Interop.Tests.Infrastructure;

namespace Warren.Interop.Tests.Harness;

/// <summary><c>warren keygen</c> as a real process, its files read back by OpenSSH's ssh-keygen.</summary>
public sealed class WarrenKeygenTests
{
    [Theory]
    [InlineData("ed25519", "ssh-ed25519")]
    [InlineData("ecdsa", "ecdsa-sha2-nistp256")]
    [InlineData("rsa", "ssh-rsa")]
    public async Task Keygen_Type_WritesKeyOpenSshReads(string type, string algorithm)
    {
        using var dir = new TempDirectory();
        var path = dir.Combine("host_" + type);

        var result = await WarrenProcess.RunToExitAsync(["keygen", "--type", type, "--out", path]);

        Assert.True(result.ExitCode == 0, result.ToString());
        var derived = await ProcessRunner.RunAsync(SshTools.SshKeygen, ["-y", "-f", path], SshTools.CommandTimeout);
        Assert.True(derived.ExitCode == 0, derived.ToString());
        var fromPrivate = derived.Stdout.Split(' ');
        var fromPublic = (await File.ReadAllTextAsync(path + ".pub")).Split(' ');
        Assert.Equal(algorithm, fromPrivate[0]);
        Assert.Equal(fromPublic[1].Trim(), fromPrivate[1].Trim());
    }
}
