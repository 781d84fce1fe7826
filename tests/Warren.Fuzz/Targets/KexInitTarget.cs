using Warren.Ssh;
using Warren.Ssh.Crypto.Ciphers;
using Warren.Ssh.Crypto.Kex;
using Warren.Ssh.Transport;

namespace Warren.Fuzz.Targets;

/// <summary>
/// SSH_MSG_KEXINIT (RFC 4253 §7.1) as a peer sends it, negotiated against Warren's own offer in
/// both roles, and SSH_MSG_EXT_INFO (RFC 8308). A failed negotiation is the documented
/// <see cref="SshProtocolException"/> (KEY_EXCHANGE_FAILED), so it is expected here.
/// </summary>
internal static class KexInitTarget
{
    private static readonly KexInitMessage Ours = KexInitMessage.Create(
        KeyExchangeFactory.SupportedAlgorithms,
        SshTransport.SupportedHostKeyAlgorithms,
        PacketCipherFactory.SupportedCiphers,
        PacketCipherFactory.SupportedMacs);

    public static void Run(ReadOnlySpan<byte> data)
    {
        if (data.IsEmpty)
        {
            return;
        }

        if (data[0] == SshMessageNumber.ExtInfo)
        {
            ExtInfo.TryRead(data, out _);
            return;
        }

        if (!KexInitMessage.TryRead(data, out var peer) || peer is null)
        {
            return;
        }

        Negotiate(peer, Ours);
        Negotiate(Ours, peer);
        AlgorithmNegotiation.GuessIsRight(peer, Ours);
    }

    private static void Negotiate(KexInitMessage client, KexInitMessage server)
    {
        try
        {
            var algorithms = AlgorithmNegotiation.Negotiate(client, server);

            // The transport creates the negotiated method next; every name it can pick must be creatable.
            KeyExchangeFactory.Create(algorithms.Kex).Dispose();
        }
        catch (SshProtocolException)
        {
            // No common algorithm: KEY_EXCHANGE_FAILED with both lists, as documented.
        }
    }
}
