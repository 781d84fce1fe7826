using System.Diagnostics;
using System.Security.Cryptography;
using Warren.Ssh.Crypto;
using Warren.Ssh.Keys;

namespace Warren.Ssh.Tests.Kex;

/// <summary>
/// Our server side of every key exchange method the installed OpenSSH client knows, with each
/// host key signature algorithm, checked by the real client (see <see cref="OpenSshKexHarness"/>).
/// </summary>
public sealed class OpenSshKexInteropTests
{
    private const byte NewKeys = 21;

    private static readonly Lazy<HashSet<string>> ClientKex = new(() => Query("kex"));

    public static TheoryData<string> KexMethods()
    {
        var data = new TheoryData<string>();
        foreach (var name in Warren.Ssh.Crypto.Kex.KeyExchangeFactory.SupportedAlgorithms)
        {
            if (ClientKex.Value.Contains(name))
            {
                data.Add(name);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(KexMethods))]
    public void OpenSshClient_EachKexWithEd25519HostKey_SendsNewKeys(string kexName)
    {
        var hostKey = KeyFile.Generate("ed25519");
        Assert.Equal(NewKeys, OpenSshKexHarness.RunExchange(kexName, hostKey, "ssh-ed25519"));
    }

    [Theory]
    [InlineData("ecdsa-sha2-nistp256")]
    [InlineData("ecdsa-sha2-nistp384")]
    [InlineData("ecdsa-sha2-nistp521")]
    [InlineData("rsa-sha2-512")]
    [InlineData("rsa-sha2-256")]
    public void OpenSshClient_Curve25519WithEachHostKeyAlgorithm_SendsNewKeys(string signatureAlgorithm)
    {
        IHostKey hostKey = signatureAlgorithm switch
        {
            "ecdsa-sha2-nistp256" => new EcdsaHostKey(ECDsa.Create(ECCurve.NamedCurves.nistP256)),
            "ecdsa-sha2-nistp384" => new EcdsaHostKey(ECDsa.Create(ECCurve.NamedCurves.nistP384)),
            "ecdsa-sha2-nistp521" => new EcdsaHostKey(ECDsa.Create(ECCurve.NamedCurves.nistP521)),
            _ => new RsaHostKey(RSA.Create(2048)),
        };
        Assert.Equal(NewKeys, OpenSshKexHarness.RunExchange("curve25519-sha256", hostKey, signatureAlgorithm));
    }

    private static HashSet<string> Query(string what)
    {
        var start = new ProcessStartInfo("ssh", ["-Q", what]) { RedirectStandardOutput = true, UseShellExecute = false };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit(10_000);
        return [.. output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
    }
}
