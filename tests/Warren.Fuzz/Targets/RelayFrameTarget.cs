using Warren.Relay.Cluster.Links;

namespace Warren.Fuzz.Targets;

/// <summary>
/// What another node (or anyone who reaches the relay-link port) sends: frames read one after
/// another as the link's reader does, credit grants read, handshake proofs compared.
/// </summary>
internal static class RelayFrameTarget
{
    private static readonly byte[] Secret = new byte[32];

    public static void Run(ReadOnlySpan<byte> data)
    {
        ReadOnlyMemory<byte> buffer = data.ToArray();
        while (RelayFrameCodec.TryRead(buffer, out var frame, out _) == RelayFrameReadResult.Frame)
        {
            switch (frame.Type)
            {
                case RelayFrameType.Credit:
                    RelayFrameCodec.ReadCredit(frame);
                    break;
                case RelayFrameType.Response:
                    var payload = frame.Payload.Span;
                    var expected = LinkHandshake.DialerProof(Secret, new byte[RelayFrameCodec.NonceSize], payload[..RelayFrameCodec.NonceSize]);
                    LinkHandshake.Matches(expected, payload[RelayFrameCodec.NonceSize..]);
                    break;
                case RelayFrameType.Accept:
                    LinkHandshake.Matches(LinkHandshake.ListenerProof(Secret, new byte[32], new byte[32]), frame.Payload.Span);
                    break;
            }

            buffer = buffer[frame.Size..];
        }
    }
}
