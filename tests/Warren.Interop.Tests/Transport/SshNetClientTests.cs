using Renci.SshNet;
using Renci.SshNet.Common;
using Warren.Ssh.Crypto.Ciphers;
using Warren.Ssh.Crypto.Kex;

namespace Warren.Interop.Tests.Transport;

/// <summary>
/// SSH.NET, a second independent client, against `warren serve`. It is also the only client here
/// with mlkem768x25519-sha256 (this machine's OpenSSH 9.2 predates it). Reaching authentication,
/// which refuses, proves the key exchange and the cipher worked.
/// </summary>
public sealed class SshNetClientTests(WarrenServerFixture server) : IClassFixture<WarrenServerFixture>
{
    private static readonly string[] SshNetKex =
        [.. new ConnectionInfo("x", "u", new NoneAuthenticationMethod("u")).KeyExchangeAlgorithms.Keys];

    private static readonly string[] SshNetCiphers =
        [.. new ConnectionInfo("x", "u", new NoneAuthenticationMethod("u")).Encryptions.Keys];

    public static TheoryData<string> Kex => Common(KeyExchangeFactory.SupportedAlgorithms, SshNetKex);

    public static TheoryData<string> Ciphers => Common(PacketCipherFactory.SupportedCiphers, SshNetCiphers);

    [Theory]
    [MemberData(nameof(Kex))]
    public void SshNet_EachKexAlgorithm_ReachesAuthentication(string kex)
    {
        var info = NewConnectionInfo();
        Keep(info.KeyExchangeAlgorithms, kex);

        AssertReachesAuthentication(info);
    }

    [Theory]
    [MemberData(nameof(Ciphers))]
    public void SshNet_EachCipher_ReachesAuthentication(string cipher)
    {
        var info = NewConnectionInfo();
        Keep(info.Encryptions, cipher);

        AssertReachesAuthentication(info);
    }

    [Fact]
    public void SshNet_MlKemHybrid_IsOffered()
    {
        // The row above is only as good as this: fail loudly if SSH.NET lost the algorithm.
        Assert.Contains("mlkem768x25519-sha256", SshNetKex);
    }

    private ConnectionInfo NewConnectionInfo() =>
        new("127.0.0.1", server.Port, "tester", new NoneAuthenticationMethod("tester"))
        {
            Timeout = TimeSpan.FromSeconds(20),
        };

    private static void AssertReachesAuthentication(ConnectionInfo info)
    {
        using var client = new SshClient(info);
        string? hostKeyName = null;
        client.HostKeyReceived += (_, e) =>
        {
            hostKeyName = e.HostKeyName;
            e.CanTrust = true;
        };

        var error = Assert.Throws<SshAuthenticationException>(client.Connect);

        Assert.NotNull(hostKeyName);
        Assert.Contains("publickey", error.Message, StringComparison.Ordinal);
    }

    private static void Keep<T>(IDictionary<string, T> algorithms, string name)
    {
        foreach (var key in algorithms.Keys.ToList())
        {
            if (key != name)
            {
                algorithms.Remove(key);
            }
        }
    }

    private static TheoryData<string> Common(IEnumerable<string> ours, IEnumerable<string> theirs)
    {
        var data = new TheoryData<string>();
        foreach (var name in ours.Intersect(theirs))
        {
            data.Add(name);
        }

        return data;
    }
}
