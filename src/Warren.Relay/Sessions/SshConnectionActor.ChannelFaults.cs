using Akka.Actor;
using Warren.Relay.Channels;
using Warren.Ssh;
using Warren.Ssh.Connection;

namespace Warren.Relay.Sessions;

/// <summary>
/// The two tiers of failure (STYLE.md rule 2) for channels: a channel actor that throws is
/// stopped alone, and on its way out it closes its SSH channel (CHANNEL_CLOSE, or OPEN_FAILURE if
/// it was not confirmed yet; see <c>PostStop</c> of the channel actors); a protocol fault in any
/// channel ends the whole connection with a DISCONNECT.
/// </summary>
public sealed partial class SshConnectionActor
{
    /// <inheritdoc />
    protected override SupervisorStrategy SupervisorStrategy() => ChannelSupervision.Strategy(Self);

    /// <summary>
    /// The client may still talk to a channel whose actor is gone: it crossed our CLOSE or
    /// OPEN_FAILURE, or it answers one (RFC 4254 §5.3 lets it). Channel numbers are never reused,
    /// so a number below the next one was ours and is ignored; only a number never handed out is a
    /// protocol error. A late confirmation of a forwarded-tcpip open whose actor is gone is closed
    /// at once, so the client's channel does not stay open forever.
    /// </summary>
    private void OnMessageForEndedChannel(byte[] payload, uint recipient)
    {
        if (recipient >= _nextChannelId)
        {
            throw new SshProtocolException(SshDisconnectReason.ProtocolError, $"message {payload[0]} for channel {recipient}, which is not open");
        }

        if (payload[0] == SshMessageNumber.ChannelOpenConfirmation && ChannelOpenConfirmation.TryRead(payload, out var confirmation))
        {
            var close = new byte[ChannelClose.Size];
            new ChannelClose(confirmation.SenderChannel).WriteTo(close);
            Send(close);
        }
    }
}
