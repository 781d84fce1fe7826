using Warren.Interop.Tests.Infrastructure;
using Warren.Ssh.Crypto.Ciphers;
using Warren.Ssh.Crypto.Kex;

namespace Warren.Interop.Tests.Transport;

/// <summary>
/// The real OpenSSH client against `warren serve`, one algorithm at a time: each must negotiate,
/// finish the key exchange and reach the authentication service, which refuses (no auth yet).
/// </summary>
public sealed class OpenSshClientTests(WarrenServerFixture server) : IClassFixture<WarrenServerFixture>
{
    private const string ReachedAuthentication = "Authentications that can continue: publickey";

    public static TheoryData<string> Kex => OpenSshAlgorithms.Common("kex", KeyExchangeFactory.SupportedAlgorithms);

    public static TheoryData<string> Ciphers => OpenSshAlgorithms.Common("cipher", PacketCipherFactory.SupportedCiphers);

    public static TheoryData<string> Macs => OpenSshAlgorithms.Common("mac", PacketCipherFactory.SupportedMacs);

    // What `warren serve` generates on first start; other curves come from key files in HostKeyFileTests.
    public static TheoryData<string> HostKeys => new("ssh-ed25519", "ecdsa-sha2-nistp256", "rsa-sha2-512", "rsa-sha2-256");

    [Theory]
    [MemberData(nameof(Kex))]
    public async Task OpenSsh_EachKexAlgorithm_ReachesAuthentication(string kex)
    {
        var result = await RunAsync($"KexAlgorithms={kex}");

        Assert.Contains($"kex: algorithm: {kex}", result.Stderr, StringComparison.Ordinal);
        Assert.Contains(ReachedAuthentication, result.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Ciphers))]
    public async Task OpenSsh_EachCipher_ReachesAuthentication(string cipher)
    {
        var result = await RunAsync($"Ciphers={cipher}");

        Assert.Contains($"kex: server->client cipher: {cipher}", result.Stderr, StringComparison.Ordinal);
        Assert.Contains($"kex: client->server cipher: {cipher}", result.Stderr, StringComparison.Ordinal);
        Assert.Contains(ReachedAuthentication, result.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Macs))]
    public async Task OpenSsh_EachMacWithAesCtr_ReachesAuthentication(string mac)
    {
        var result = await RunAsync("Ciphers=aes128-ctr", $"MACs={mac}");

        Assert.Contains($"cipher: aes128-ctr MAC: {mac}", result.Stderr, StringComparison.Ordinal);
        Assert.Contains(ReachedAuthentication, result.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(HostKeys))]
    public async Task OpenSsh_EachHostKeyAlgorithm_VerifiesTheHostKey(string algorithm)
    {
        var result = await RunAsync($"HostKeyAlgorithms={algorithm}");

        Assert.Contains($"kex: host key algorithm: {algorithm}", result.Stderr, StringComparison.Ordinal);
        Assert.Contains(ReachedAuthentication, result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenSsh_Defaults_UsesStrictKexAndGetsExtInfo()
    {
        var result = await RunAsync();

        Assert.Contains("SSH2_MSG_EXT_INFO received", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("kex_input_ext_info: server-sig-algs=<ssh-ed25519,", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("Remote protocol version 2.0, remote software version Warren_", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("Permission denied (publickey)", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenSsh_RekeyEveryFewKilobytes_StillReachesAuthentication()
    {
        var result = await RunAsync("RekeyLimit=1K");

        Assert.Contains(ReachedAuthentication, result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenSsh_OnlyCbcCipher_NoMatchingCipher()
    {
        var result = await RunAsync("Ciphers=aes128-cbc");

        Assert.Equal(255, result.ExitCode);
        Assert.Contains("no matching cipher found", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenSsh_OnlySha1Kex_NoMatchingKeyExchange()
    {
        var result = await RunAsync("KexAlgorithms=diffie-hellman-group14-sha1");

        Assert.Equal(255, result.ExitCode);
        Assert.Contains("no matching key exchange method found", result.Stderr, StringComparison.Ordinal);
    }

    private async Task<ProcessResult> RunAsync(params string[] options)
    {
        using var client = await OpenSshClient.CreateAsync();
        return await client.RunAsync(server.Port, options);
    }
}
