using System.Buffers.Binary;

namespace Warren.Relay.Cluster.Links;

/// <summary>
/// Runs <see cref="LinkHandshake"/> over a freshly connected link, before the link's reader and
/// writer start: exact frame reads, so no byte of what follows is consumed. Both sides name the
/// link by the first bytes of the listener's nonce (<see cref="LinkHandshakeResult.LinkId"/>),
/// which the dialer then uses over remoting to say which link a new stream belongs to.
/// </summary>
internal static class LinkHandshakeExchange
{
    /// <summary>The dialer's side: read the challenge, answer it, check the listener's proof.</summary>
    public static async Task<LinkHandshakeResult> DialAsync(Stream stream, byte[] secret, CancellationToken cancellationToken)
    {
        var challenge = await ReadFrameAsync(stream, RelayFrameType.Challenge, cancellationToken).ConfigureAwait(false);
        if (challenge is null)
        {
            return LinkHandshakeResult.Failed("the listener sent no challenge");
        }

        var dialerNonce = LinkHandshake.NewNonce();
        var response = new byte[2 * RelayFrameCodec.NonceSize];
        dialerNonce.CopyTo(response, 0);
        LinkHandshake.DialerProof(secret, challenge, dialerNonce).CopyTo(response, RelayFrameCodec.NonceSize);
        await WriteFrameAsync(stream, RelayFrameType.Response, response, cancellationToken).ConfigureAwait(false);

        var accept = await ReadFrameAsync(stream, RelayFrameType.Accept, cancellationToken).ConfigureAwait(false);
        if (accept is null || !LinkHandshake.Matches(LinkHandshake.ListenerProof(secret, challenge, dialerNonce), accept))
        {
            return LinkHandshakeResult.Failed("the listener did not prove the cluster secret (is --cluster-secret-file the same on every node?)");
        }

        return LinkHandshakeResult.Up(LinkId(challenge), null);
    }

    /// <summary>
    /// The listener's side up to the dialer's proof. The listener's own proof is returned, not
    /// sent: the link actor registers the link first and then sends it, so that a stream opened
    /// over remoting right after the dialer sees it finds the link.
    /// </summary>
    public static async Task<LinkHandshakeResult> AcceptAsync(Stream stream, byte[] secret, CancellationToken cancellationToken)
    {
        var listenerNonce = LinkHandshake.NewNonce();
        await WriteFrameAsync(stream, RelayFrameType.Challenge, listenerNonce, cancellationToken).ConfigureAwait(false);
        var response = await ReadFrameAsync(stream, RelayFrameType.Response, cancellationToken).ConfigureAwait(false);
        if (response is null)
        {
            return LinkHandshakeResult.Failed("the dialer sent no response to the challenge");
        }

        var dialerNonce = response.AsSpan(0, RelayFrameCodec.NonceSize);
        var proof = response.AsSpan(RelayFrameCodec.NonceSize);
        if (!LinkHandshake.Matches(LinkHandshake.DialerProof(secret, listenerNonce, dialerNonce), proof))
        {
            return LinkHandshakeResult.Failed("the dialer did not prove the cluster secret (is --cluster-secret-file the same on every node?)");
        }

        return LinkHandshakeResult.Up(LinkId(listenerNonce), LinkHandshake.ListenerProof(secret, listenerNonce, dialerNonce));
    }

    private static string LinkId(ReadOnlySpan<byte> listenerNonce) =>
        BinaryPrimitives.ReadUInt64BigEndian(listenerNonce).ToString("x16", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>One frame of the expected type, or null when the peer closed or sent anything else.</summary>
    private static async Task<byte[]?> ReadFrameAsync(Stream stream, RelayFrameType expected, CancellationToken cancellationToken)
    {
        var header = new byte[RelayFrame.HeaderSize];
        if (!await ReadExactlyAsync(stream, header, cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        var length = BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(5));
        if ((RelayFrameType)header[0] != expected || length > 2 * RelayFrameCodec.NonceSize)
        {
            return null;
        }

        var frame = new byte[RelayFrame.HeaderSize + (int)length];
        header.CopyTo(frame, 0);
        if (!await ReadExactlyAsync(stream, frame.AsMemory(RelayFrame.HeaderSize), cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        // The codec checks the shape (stream 0, the exact size for the type).
        return RelayFrameCodec.TryRead(frame, out var parsed, out _) == RelayFrameReadResult.Frame ? parsed.Payload.ToArray() : null;
    }

    private static async Task<bool> ReadExactlyAsync(Stream stream, Memory<byte> buffer, CancellationToken cancellationToken)
    {
        try
        {
            await stream.ReadExactlyAsync(buffer, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (EndOfStreamException)
        {
            return false;
        }
    }

    private static async Task WriteFrameAsync(Stream stream, RelayFrameType type, byte[] payload, CancellationToken cancellationToken)
    {
        var frame = new byte[RelayFrame.HeaderSize + payload.Length];
        RelayFrameCodec.Write(frame, type, 0, payload);
        await stream.WriteAsync(frame, cancellationToken).ConfigureAwait(false);
    }
}
