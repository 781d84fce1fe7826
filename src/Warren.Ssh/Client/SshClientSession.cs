using Warren.Ssh.Server;
using Warren.Ssh.Transport;
using Warren.Ssh.Wire;

namespace Warren.Ssh.Client;

/// <summary>
/// The client's side of one connection after the transport is up: asks for the ssh-userauth
/// service (RFC 4253 §10) and tries authentication methods (RFC 4252). Used by the load
/// generator and the cluster tests; public key authentication arrives with the auth layer.
/// </summary>
public sealed class SshClientSession
{
    private readonly SshTransport _transport;

    /// <summary>Wraps an established client transport.</summary>
    public SshClientSession(SshTransport transport)
    {
        _transport = transport;
    }

    /// <summary>The transport underneath, for rekeying and diagnostics.</summary>
    public SshTransport Transport => _transport;

    /// <summary>Asks for the ssh-userauth service; fails unless the server accepts it.</summary>
    public async Task RequestUserAuthServiceAsync(CancellationToken cancellationToken)
    {
        await _transport.SendAsync(ServiceMessages.CreateServiceRequest("ssh-userauth"), cancellationToken).ConfigureAwait(false);
        var reply = await ReceiveSkippingBannersAsync(cancellationToken).ConfigureAwait(false);
        var reader = new SshReader(reply.Span[1..]);
        if (reply.Span[0] != SshMessageNumber.ServiceAccept || !reader.TryReadUtf8(out var service) || service != "ssh-userauth")
        {
            throw new SshProtocolException(SshDisconnectReason.ProtocolError, $"expected SERVICE_ACCEPT, got message {reply.Span[0]}");
        }
    }

    /// <summary>
    /// Sends the "none" method (RFC 4252 §5.2). Returns null on success, or the methods that can
    /// continue.
    /// </summary>
    public async Task<IReadOnlyList<string>?> AuthenticateNoneAsync(string user, CancellationToken cancellationToken)
    {
        var request = new byte[1 + 4 + System.Text.Encoding.UTF8.GetByteCount(user) + 4 + 14 + 4 + 4];
        var writer = new SshWriter(request);
        writer.WriteByte(SshMessageNumber.UserAuthRequest);
        writer.WriteUtf8(user);
        writer.WriteUtf8("ssh-connection");
        writer.WriteUtf8("none");
        await _transport.SendAsync(request.AsMemory(0, writer.Position), cancellationToken).ConfigureAwait(false);
        var reply = await ReceiveSkippingBannersAsync(cancellationToken).ConfigureAwait(false);
        switch (reply.Span[0])
        {
            case SshMessageNumber.UserAuthSuccess:
                return null;
            case SshMessageNumber.UserAuthFailure:
                var reader = new SshReader(reply.Span[1..]);
                if (!reader.TryReadNameList(out var methods) || !reader.TryReadBoolean(out _))
                {
                    throw new SshProtocolException(SshDisconnectReason.ProtocolError, "malformed USERAUTH_FAILURE");
                }

                return methods.Names;
            default:
                throw new SshProtocolException(SshDisconnectReason.ProtocolError, $"unexpected message {reply.Span[0]} during authentication");
        }
    }

    private async Task<ReadOnlyMemory<byte>> ReceiveSkippingBannersAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var message = await _transport.ReceiveAsync(cancellationToken).ConfigureAwait(false);
            if (message.Span[0] != SshMessageNumber.UserAuthBanner)
            {
                return message;
            }
        }
    }
}
