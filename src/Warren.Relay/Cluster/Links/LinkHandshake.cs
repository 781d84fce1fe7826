using System.Security.Cryptography;
using System.Text;

namespace Warren.Relay.Cluster.Links;

/// <summary>
/// Mutual proof of the shared cluster secret when two nodes open a relay link, without sending
/// it: the listener sends a nonce (<see cref="RelayFrameType.Challenge"/>); the dialer answers
/// with its own nonce and HMAC-SHA256(secret, "dialer" | both nonces)
/// (<see cref="RelayFrameType.Response"/>); the listener checks it and answers with
/// HMAC-SHA256(secret, "listener" | both nonces) (<see cref="RelayFrameType.Accept"/>), which
/// the dialer checks. A node without the secret gets no Accept and the link is closed. The role
/// labels keep one side's proof from being replayed as the other's; fresh nonces on both sides
/// keep an old exchange from being replayed at all.
/// </summary>
internal static class LinkHandshake
{
    private static readonly byte[] DialerLabel = Encoding.ASCII.GetBytes("warren-relay-link-v1 dialer");
    private static readonly byte[] ListenerLabel = Encoding.ASCII.GetBytes("warren-relay-link-v1 listener");

    public static byte[] NewNonce() => RandomNumberGenerator.GetBytes(RelayFrameCodec.NonceSize);

    public static byte[] DialerProof(ReadOnlySpan<byte> secret, ReadOnlySpan<byte> listenerNonce, ReadOnlySpan<byte> dialerNonce) =>
        Proof(secret, DialerLabel, listenerNonce, dialerNonce);

    public static byte[] ListenerProof(ReadOnlySpan<byte> secret, ReadOnlySpan<byte> listenerNonce, ReadOnlySpan<byte> dialerNonce) =>
        Proof(secret, ListenerLabel, listenerNonce, dialerNonce);

    /// <summary>Compares a received proof with the expected one in constant time.</summary>
    public static bool Matches(ReadOnlySpan<byte> expected, ReadOnlySpan<byte> received) =>
        expected.Length == received.Length && CryptographicOperations.FixedTimeEquals(expected, received);

    private static byte[] Proof(ReadOnlySpan<byte> secret, byte[] label, ReadOnlySpan<byte> listenerNonce, ReadOnlySpan<byte> dialerNonce)
    {
        if (secret.IsEmpty)
        {
            throw new ArgumentException("the cluster secret is empty", nameof(secret));
        }

        var message = new byte[label.Length + listenerNonce.Length + dialerNonce.Length];
        label.CopyTo(message, 0);
        listenerNonce.CopyTo(message.AsSpan(label.Length));
        dialerNonce.CopyTo(message.AsSpan(label.Length + listenerNonce.Length));
        return HMACSHA256.HashData(secret, message);
    }
}
