using Warren.Ssh.Transport;
using Warren.Ssh.Wire;

namespace Warren.Ssh.Server;

/// <summary>
/// The server's side of one connection after the transport is up: authentication (RFC 4252),
/// then the session. The connection protocol (channels, forwarding) arrives with the relay's
/// channel actors; until then a logged-in session answers every global request and channel
/// open with a refusal that says so, and stays up until the client leaves.
/// </summary>
public sealed class SshServerSession
{
    private readonly SshTransport _transport;
    private readonly UserAuthService _auth;

    /// <summary>Wraps an established server transport.</summary>
    public SshServerSession(SshTransport transport, UserAuthOptions options)
    {
        _transport = transport;
        _auth = new UserAuthService(transport, options);
    }

    /// <summary>Who logged in; null until <see cref="AuthenticateAsync"/> succeeds.</summary>
    public AuthenticatedUser? User { get; private set; }

    /// <summary>Runs authentication; <paramref name="loginGrace"/> bounds it (LoginGraceTime).</summary>
    public async Task<AuthenticatedUser> AuthenticateAsync(CancellationToken loginGrace)
    {
        User = await _auth.AuthenticateAsync(loginGrace).ConfigureAwait(false);
        return User;
    }

    /// <summary>Serves the logged-in session until the peer leaves or <paramref name="stopping"/> fires.</summary>
    public async Task RunAsync(CancellationToken stopping)
    {
        while (true)
        {
            var payload = await _transport.ReceiveAsync(stopping).ConfigureAwait(false);
            await HandleAsync(payload, stopping).ConfigureAwait(false);
        }
    }

    private async ValueTask HandleAsync(ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        var number = payload.Span[0];
        var reader = new SshReader(payload.Span[1..]);
        switch (number)
        {
            case SshMessageNumber.UserAuthRequest:
                // RFC 4252 §5.1: requests after success are ignored.
                return;
            case SshMessageNumber.GlobalRequest:
                if (!reader.TryReadUtf8(out _) || !reader.TryReadBoolean(out var wantReply))
                {
                    throw new SshProtocolException(SshDisconnectReason.ProtocolError, "malformed global request");
                }

                if (wantReply)
                {
                    await _transport.SendAsync(new[] { SshMessageNumber.RequestFailure }, cancellationToken).ConfigureAwait(false);
                }

                return;
            case SshMessageNumber.ChannelOpen:
                if (!reader.TryReadUtf8(out var type) || !reader.TryReadUInt32(out var senderChannel))
                {
                    throw new SshProtocolException(SshDisconnectReason.ProtocolError, "malformed channel open");
                }

                await _transport.SendAsync(ChannelOpenFailure(senderChannel, $"channel type '{type}' is not served by this relay yet"), cancellationToken).ConfigureAwait(false);
                return;
            case >= 91 and <= 100:
                // No channel was ever opened, so every channel message names an unknown channel.
                throw new SshProtocolException(SshDisconnectReason.ProtocolError, $"message {number} for a channel that does not exist");
            case SshMessageNumber.ServiceRequest:
            case >= 50 and <= 79:
                throw new SshProtocolException(SshDisconnectReason.ProtocolError, $"message {number} after authentication");
            default:
                await _transport.SendUnimplementedAsync(_transport.LastReceivedSequenceNumber, cancellationToken).ConfigureAwait(false);
                return;
        }
    }

    private static byte[] ChannelOpenFailure(uint recipientChannel, string description)
    {
        // RFC 4254 §5.1; reason 1 is SSH_OPEN_ADMINISTRATIVELY_PROHIBITED.
        var buffer = new byte[1 + 4 + 4 + 4 + System.Text.Encoding.UTF8.GetByteCount(description) + 4];
        var writer = new SshWriter(buffer);
        writer.WriteByte(SshMessageNumber.ChannelOpenFailure);
        writer.WriteUInt32(recipientChannel);
        writer.WriteUInt32(1);
        writer.WriteUtf8(description);
        writer.WriteUtf8(string.Empty);
        return buffer;
    }
}
