using System.Net.Sockets;
using Warren.Interop.Tests.Infrastructure;
using Warren.Ssh;
using Warren.Ssh.Client;
using Warren.Ssh.Crypto.Ciphers;
using Warren.Ssh.Crypto.Kex;
using Warren.Ssh.Keys;
using Warren.Ssh.Transport;

namespace Warren.Interop.Tests.Transport;

/// <summary>
/// Warren's client role against OpenSSH's sshd (started on a free loopback port with a temporary
/// config), with every algorithm both support: key exchange, host key proof, the service request
/// and the "none" authentication method, which sshd answers with the methods that can continue.
/// </summary>
public sealed class WarrenClientAgainstSshdTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    public static TheoryData<string> Kex => OpenSshAlgorithms.Common("kex", KeyExchangeFactory.SupportedAlgorithms);

    public static TheoryData<string> Ciphers => OpenSshAlgorithms.Common("cipher", PacketCipherFactory.SupportedCiphers);

    public static TheoryData<string> Macs => OpenSshAlgorithms.Common("mac", PacketCipherFactory.SupportedMacs);

    public static TheoryData<string> HostKeys => new("ssh-ed25519", "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521", "rsa-sha2-512", "rsa-sha2-256");

    [Theory]
    [MemberData(nameof(Kex))]
    public async Task WarrenClient_EachKexAlgorithm_ReachesSshdAuthentication(string kex)
    {
        using var sshd = await OpenSshServer.StartAsync();
        await using var client = await ConnectAsync(sshd, new SshTransportSettings { KexAlgorithms = [kex] });

        Assert.Equal(kex, client.Transport.Algorithms!.Kex);
        await AssertReachesAuthenticationAsync(client);
    }

    [Theory]
    [MemberData(nameof(Ciphers))]
    public async Task WarrenClient_EachCipher_ReachesSshdAuthentication(string cipher)
    {
        using var sshd = await OpenSshServer.StartAsync();
        await using var client = await ConnectAsync(sshd, new SshTransportSettings { Ciphers = [cipher] });

        Assert.Equal(cipher, client.Transport.Algorithms!.CipherClientToServer);
        await AssertReachesAuthenticationAsync(client);
    }

    [Theory]
    [MemberData(nameof(Macs))]
    public async Task WarrenClient_EachMacWithAesCtr_ReachesSshdAuthentication(string mac)
    {
        using var sshd = await OpenSshServer.StartAsync();
        await using var client = await ConnectAsync(sshd, new SshTransportSettings { Ciphers = ["aes256-ctr"], Macs = [mac] });

        Assert.Equal(mac, client.Transport.Algorithms!.MacServerToClient);
        await AssertReachesAuthenticationAsync(client);
    }

    [Theory]
    [MemberData(nameof(HostKeys))]
    public async Task WarrenClient_EachHostKeyAlgorithm_ChecksSshdSignature(string algorithm)
    {
        // sshd takes several HostKey lines; the harness gives it one key per type, these add the other curves.
        using var extraKeys = new TempDirectory("warren-sshd-keys-");
        var p384 = await SshKeygen.GenerateAsync(extraKeys.Path, "ecdsa", "p384", extraArgs: ["-b", "384"]);
        var p521 = await SshKeygen.GenerateAsync(extraKeys.Path, "ecdsa", "p521", extraArgs: ["-b", "521"]);
        using var sshd = await OpenSshServer.StartAsync([$"HostKey {p384.PrivateKeyPath}", $"HostKey {p521.PrivateKeyPath}"]);
        await using var client = await ConnectAsync(sshd, new SshTransportSettings { HostKeyAlgorithms = [algorithm] }, p384.Blob, p521.Blob);

        Assert.Equal(algorithm, client.Transport.Algorithms!.HostKey);
        Assert.True(client.Transport.IsStrictKex);
        await AssertReachesAuthenticationAsync(client);
    }

    [Fact]
    public async Task WarrenClient_PublicKey_AuthenticatesToSshd()
    {
        using var sshd = await OpenSshServer.StartAsync();
        var key = KeyFile.Generate("ed25519");
        sshd.AddAuthorizedKey(KeyFile.FormatPublicKey(key.KeyType, key.PublicKeyBlob, "warren-client"));
        await using var client = await ConnectAsync(sshd, new SshTransportSettings());
        using var cancel = new CancellationTokenSource(Timeout);

        await client.RequestUserAuthServiceAsync(cancel.Token);
        var methods = await client.AuthenticatePublicKeyAsync(OpenSshServer.User, key, cancel.Token);

        Assert.Null(methods);
    }

    [Fact]
    public async Task WarrenClient_RekeyStartedByBothSides_NothingLost()
    {
        // sshd refuses key re-exchange before authentication, so the test logs in first.
        using var sshd = await OpenSshServer.StartAsync(["RekeyLimit 32K"]);
        var key = KeyFile.Generate("ed25519");
        sshd.AddAuthorizedKey(KeyFile.FormatPublicKey(key.KeyType, key.PublicKeyBlob, "warren-client"));
        await using var client = await ConnectAsync(sshd, new SshTransportSettings { RekeyBytes = 16 * 1024 });
        using var cancel = new CancellationTokenSource(Timeout);
        await client.RequestUserAuthServiceAsync(cancel.Token);
        Assert.Null(await client.AuthenticatePublicKeyAsync(OpenSshServer.User, key, cancel.Token));

        // IGNOREs carry traffic, which sshd reads and discards (RFC 4253 §11.2); a receive is
        // pending meanwhile, as a session's reader is, so that the key exchanges progress.
        var reading = ReceiveUntilAsync(client.Transport, SshMessageNumber.RequestFailure, cancel.Token);
        var ignore = new byte[1 + 4 + 2000];
        ignore[0] = SshMessageNumber.Ignore;
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(ignore.AsSpan(1), 2000);
        for (var i = 0; i < 100; i++)
        {
            await client.Transport.SendAsync(ignore, cancel.Token);
        }

        // A global request with want-reply gets REQUEST_FAILURE from sshd: every byte before it arrived.
        await client.Transport.SendAsync("\u0050\0\0\0\u0015keepalive@openssh.com\u0001"u8.ToArray(), cancel.Token);
        await reading.WaitAsync(Timeout);
        Assert.True(client.Transport.KeyExchangeCount > 3, $"only {client.Transport.KeyExchangeCount} key exchanges");
    }

    // Reads as a session's reader does (sshd also sends hostkeys-00@openssh.com after login) until the awaited message.
    private static async Task ReceiveUntilAsync(SshTransport transport, byte number, CancellationToken cancellationToken)
    {
        while ((await transport.ReceiveAsync(cancellationToken)).Span[0] != number)
        {
        }
    }

    private static async Task<SshClientSession> ConnectAsync(OpenSshServer sshd, SshTransportSettings settings, params string[] extraKnownBlobs)
    {
        var known = new HashSet<string>(extraKnownBlobs, StringComparer.Ordinal);
        foreach (var type in sshd.HostKeyFiles.Keys)
        {
            known.Add(sshd.HostPublicKey(type).Split(' ')[1]);
        }

        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        using var cancel = new CancellationTokenSource(Timeout);
        await socket.ConnectAsync("127.0.0.1", sshd.Port, cancel.Token);
        var transport = await SshTransport.ConnectAsync(
            new NetworkStream(socket, ownsSocket: true),
            settings,
            blob => known.Contains(Convert.ToBase64String(blob)),
            cancel.Token);
        return new SshClientSession(transport);
    }

    private static async Task AssertReachesAuthenticationAsync(SshClientSession client)
    {
        using var cancel = new CancellationTokenSource(Timeout);
        await client.RequestUserAuthServiceAsync(cancel.Token);
        var methods = await client.AuthenticateNoneAsync(OpenSshServer.User, cancel.Token);

        Assert.NotNull(methods);
        Assert.Contains("publickey", methods);
        Assert.True(client.Transport.PeerExtensions.ContainsKey("server-sig-algs"));
    }
}
