using Warren.Ssh;
using Warren.Ssh.Transport;

namespace Warren.Fuzz.Targets;

/// <summary>
/// What a peer sends before keys are set: the identification line, then binary packets (RFC 4253
/// §4.2, §6) read by the real <see cref="PacketReader"/> from a stream, each payload handed to
/// every message reader. The reader's one error path, <see cref="SshProtocolException"/> (and
/// <see cref="SshConnectionClosedException"/> at the end of the input), becomes a DISCONNECT in
/// the transport, so it is an expected outcome here; anything else is a bug.
/// </summary>
internal static class PacketTarget
{
    // The smallest --max-packet-size, so a fuzzer reaches the limit with short inputs.
    private const int MaxPacketLength = 35000;

    public static void Run(ReadOnlySpan<byte> data)
    {
        using var stream = new MemoryStream(data.ToArray(), writable: false);
        using var reader = new PacketReader(stream, MaxPacketLength);
        try
        {
            reader.ReadLineAsync(255, CancellationToken.None).AsTask().GetAwaiter().GetResult();
            while (true)
            {
                var payload = reader.ReadPacketAsync(CancellationToken.None).AsTask().GetAwaiter().GetResult();
                if (payload.IsEmpty)
                {
                    continue;
                }

                KexInitTarget.Run(payload.Span);
                ChannelTarget.Run(payload.Span);
                GlobalRequestTarget.Run(payload.Span);
            }
        }
        catch (SshConnectionClosedException)
        {
            // The input ended: the peer closed the connection.
        }
        catch (SshProtocolException)
        {
            // Malformed framing: the transport disconnects with this reason.
        }
    }
}
