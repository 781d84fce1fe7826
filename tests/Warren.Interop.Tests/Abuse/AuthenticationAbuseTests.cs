using Warren.Interop.Tests.Infrastructure;
using Warren.Ssh;
using Warren.Ssh.Crypto;
using Warren.Ssh.Keys;

namespace Warren.Interop.Tests.Abuse;

/// <summary>
/// Public key authentication (RFC 4252 §7) from a hand-built client against a relay with one
/// authorized key: a signature counts only over this connection's session id, and only for the
/// key in the same request (CVE-2024-45337: a queried key grants nothing). Refusals are
/// USERAUTH_FAILURE, and the same connection can still log in properly afterwards.
/// </summary>
public sealed class AuthenticationAbuseTests : IDisposable
{
    private const string User = "alice";

    private readonly IHostKey _authorized = KeyFile.Generate("ed25519");
    private readonly IHostKey _stranger = KeyFile.Generate("ed25519");
    private readonly TempDirectory _keys = new("warren-abuse-keys-");

    [Fact]
    public async Task PublicKey_SignatureOverAnotherSessionId_IsRefused()
    {
        using var warren = await StartAsync();
        await using var victim = await HostileClient.ConnectAsync(warren.Port);
        await using var attacker = await HostileClient.ConnectAsync(warren.Port);
        await attacker.Session.RequestUserAuthServiceAsync(attacker.Token);

        // A signature made for the victim's connection, replayed on the attacker's.
        await attacker.SendAsync(SignedRequest(_authorized, _authorized, victim.Transport.SessionId));

        Assert.Equal(SshMessageNumber.UserAuthFailure, (await attacker.ReceiveAsync())[0]);
        await attacker.SendAsync(SignedRequest(_authorized, _authorized, attacker.Transport.SessionId));
        Assert.Equal(SshMessageNumber.UserAuthSuccess, (await attacker.ReceiveAsync())[0]);
    }

    [Fact]
    public async Task PublicKey_QueriedKeyThenAnotherKeySigned_IsRefused()
    {
        using var warren = await StartAsync();
        await using var client = await HostileClient.ConnectAsync(warren.Port);
        await client.Session.RequestUserAuthServiceAsync(client.Token);

        await client.SendAsync(QueryRequest(_authorized));
        Assert.Equal(SshMessageNumber.UserAuthPkOk, (await client.ReceiveAsync())[0]);
        await client.SendAsync(SignedRequest(_stranger, _stranger, client.Transport.SessionId));

        Assert.Equal(SshMessageNumber.UserAuthFailure, (await client.ReceiveAsync())[0]);
    }

    [Fact]
    public async Task PublicKey_AuthorizedBlobSignedByAnotherKey_IsRefused()
    {
        using var warren = await StartAsync();
        await using var client = await HostileClient.ConnectAsync(warren.Port);
        await client.Session.RequestUserAuthServiceAsync(client.Token);

        await client.SendAsync(SignedRequest(_authorized, _stranger, client.Transport.SessionId));

        Assert.Equal(SshMessageNumber.UserAuthFailure, (await client.ReceiveAsync())[0]);
    }

    public void Dispose() => _keys.Dispose();

    private async Task<WarrenProcess> StartAsync()
    {
        var file = _keys.Combine("authorized_keys");
        await File.WriteAllTextAsync(file, KeyFile.FormatPublicKey(_authorized.KeyType, _authorized.PublicKeyBlob, "alice") + "\n");
        return await WarrenProcess.StartAsync(["--authorized-keys", file, "--per-source-penalties", "no"]);
    }

    private static byte[] QueryRequest(IHostKey key) => RequestBody(key, signed: false).ToArray();

    /// <summary>A publickey request naming <paramref name="named"/>, signed by <paramref name="signer"/> over <paramref name="sessionId"/>.</summary>
    private static byte[] SignedRequest(IHostKey named, IHostKey signer, byte[] sessionId)
    {
        var request = RequestBody(named, signed: true).ToArray();
        var signedData = new byte[4 + sessionId.Length + request.Length];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(signedData, (uint)sessionId.Length);
        sessionId.CopyTo(signedData, 4);
        request.CopyTo(signedData, 4 + sessionId.Length);
        var signature = signer.Sign(signer.SignatureAlgorithms[0], signedData);
        return AbuseMessage.Of(SshMessageNumber.UserAuthRequest).Append(request.AsSpan(1)).String(signature).ToArray();
    }

    private static AbuseMessage RequestBody(IHostKey key, bool signed) =>
        AbuseMessage.Of(SshMessageNumber.UserAuthRequest).String(User).String("ssh-connection").String("publickey")
            .Bool(signed).String(key.SignatureAlgorithms[0]).String(key.PublicKeyBlob);
}
