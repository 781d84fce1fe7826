using Warren.Ssh.Crypto.Ciphers;
using Warren.Ssh.Wire;

namespace Warren.Ssh.Transport;

/// <summary>
/// Picks algorithms by RFC 4253 §7.1: for each list, the first name on the client's list that the
/// server also has. A miss is a key exchange failure that names what each side offered.
/// </summary>
internal static class AlgorithmNegotiation
{
    public const string ExtInfoClient = "ext-info-c";
    public const string ExtInfoServer = "ext-info-s";
    public const string StrictKexClient = "kex-strict-c-v00@openssh.com";
    public const string StrictKexServer = "kex-strict-s-v00@openssh.com";

    public static NegotiatedAlgorithms Negotiate(KexInitMessage client, KexInitMessage server)
    {
        var kex = Pick("key exchange", client.KexAlgorithms, server.KexAlgorithms);
        var hostKey = Pick("host key", client.HostKeyAlgorithms, server.HostKeyAlgorithms);
        var c2s = Pick("cipher (client to server)", client.CiphersClientToServer, server.CiphersClientToServer);
        var s2c = Pick("cipher (server to client)", client.CiphersServerToClient, server.CiphersServerToClient);
        var macC2S = PacketCipherFactory.IsAead(c2s) ? null : Pick("MAC (client to server)", client.MacsClientToServer, server.MacsClientToServer);
        var macS2C = PacketCipherFactory.IsAead(s2c) ? null : Pick("MAC (server to client)", client.MacsServerToClient, server.MacsServerToClient);
        Pick("compression (client to server)", client.CompressionClientToServer, server.CompressionClientToServer);
        Pick("compression (server to client)", client.CompressionServerToClient, server.CompressionServerToClient);
        return new NegotiatedAlgorithms(kex, hostKey, c2s, s2c, macC2S, macS2C);
    }

    /// <summary>
    /// True when a guessed first key exchange packet was guessed right: the first key exchange and
    /// host key names agree on both sides (RFC 4253 §7, and OpenSSH's kex.c reads it the same way).
    /// </summary>
    public static bool GuessIsRight(KexInitMessage client, KexInitMessage server) =>
        First(client.KexAlgorithms) == First(server.KexAlgorithms)
        && First(client.HostKeyAlgorithms) == First(server.HostKeyAlgorithms);

    private static string? First(NameList list) => list.Names is { Count: > 0 } names ? names[0] : null;

    private static string Pick(string what, NameList client, NameList server)
    {
        foreach (var name in client.Names)
        {
            if (IsPseudoAlgorithm(name))
            {
                continue;
            }

            if (server.Contains(name))
            {
                return name;
            }
        }

        throw new SshProtocolException(
            SshDisconnectReason.KeyExchangeFailed,
            $"no matching {what} algorithm: client offered [{client}], server offered [{server}]");
    }

    private static bool IsPseudoAlgorithm(string name) =>
        name is ExtInfoClient or ExtInfoServer or StrictKexClient or StrictKexServer;
}
