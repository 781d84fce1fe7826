using Warren.Ssh.Transport;
using Warren.Ssh.Wire;

namespace Warren.Ssh.Server;

/// <summary>
/// The server's side of one connection after the transport is up: the service request and the
/// ssh-userauth service (RFC 4252). Until authentication methods are configured, every request
/// gets SSH_MSG_USERAUTH_FAILURE, and the peer is dropped after <see cref="MaxAuthTries"/>
/// failures or when the login grace time runs out.
/// </summary>
public sealed class SshServerSession
{
    private const string UserAuthService = "ssh-userauth";

    private readonly SshTransport _transport;
    private bool _userAuthAccepted;
    private int _failures;

    /// <summary>Wraps an established server transport.</summary>
    public SshServerSession(SshTransport transport)
    {
        _transport = transport;
    }

    /// <summary>Failed authentication requests allowed before the disconnect (sshd's MaxAuthTries).</summary>
    public int MaxAuthTries { get; init; } = 6;

    /// <summary>
    /// Serves the connection until the peer leaves, breaks the protocol, or
    /// <paramref name="cancellationToken"/> fires (login grace time, shutdown). Always ends with
    /// the transport disposed; a protocol fault is sent to the peer as SSH_MSG_DISCONNECT first.
    /// </summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                var payload = await _transport.ReceiveAsync(cancellationToken).ConfigureAwait(false);
                await HandleAsync(payload, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (SshProtocolException e)
        {
            await _transport.DisconnectAsync(e.Reason, e.Message).ConfigureAwait(false);
            throw;
        }
        catch (OperationCanceledException)
        {
            await _transport.DisconnectAsync(SshDisconnectReason.ByApplication, "authentication timed out").ConfigureAwait(false);
            throw;
        }
        finally
        {
            await _transport.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async ValueTask HandleAsync(ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        var number = payload.Span[0];
        switch (number)
        {
            case SshMessageNumber.ServiceRequest:
                await OnServiceRequestAsync(payload, cancellationToken).ConfigureAwait(false);
                return;
            case SshMessageNumber.UserAuthRequest when _userAuthAccepted:
                await OnUserAuthRequestAsync(payload, cancellationToken).ConfigureAwait(false);
                return;
            case SshMessageNumber.UserAuthRequest:
                throw new SshProtocolException(SshDisconnectReason.ProtocolError, "authentication request before the ssh-userauth service was accepted");
            case SshMessageNumber.ServiceAccept:
            case >= 51 and <= 79:
                // Messages only a server sends (CVE-2018-10933: a client's USERAUTH_SUCCESS is no login).
                throw new SshProtocolException(SshDisconnectReason.ProtocolError, $"message {number} is not sent by clients");
            case >= 80:
                // RFC 4252 §6: nothing of the connection protocol before authentication (CVE-2025-32433).
                throw new SshProtocolException(SshDisconnectReason.ProtocolError, $"message {number} before authentication");
            default:
                await _transport.SendUnimplementedAsync(_transport.LastReceivedSequenceNumber, cancellationToken).ConfigureAwait(false);
                return;
        }
    }

    private async ValueTask OnServiceRequestAsync(ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        var reader = new SshReader(payload.Span[1..]);
        if (!reader.TryReadUtf8(out var service) || reader.Remaining != 0)
        {
            throw new SshProtocolException(SshDisconnectReason.ProtocolError, "malformed service request");
        }

        if (service != UserAuthService || _userAuthAccepted)
        {
            throw new SshProtocolException(SshDisconnectReason.ServiceNotAvailable, $"service '{service}' is not available");
        }

        _userAuthAccepted = true;
        await _transport.SendAsync(ServiceMessages.CreateServiceAccept(service), cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask OnUserAuthRequestAsync(ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        var reader = new SshReader(payload.Span[1..]);
        if (!reader.TryReadUtf8(out _) || !reader.TryReadUtf8(out _) || !reader.TryReadUtf8(out var method))
        {
            throw new SshProtocolException(SshDisconnectReason.ProtocolError, "malformed authentication request");
        }

        // "none" asks which methods exist and is not a failed attempt (sshd counts it the same way).
        if (method != "none" && ++_failures >= MaxAuthTries)
        {
            throw new SshProtocolException(SshDisconnectReason.NoMoreAuthMethodsAvailable, "too many authentication failures");
        }

        await _transport.SendAsync(ServiceMessages.CreateUserAuthFailure(["publickey"], partialSuccess: false), cancellationToken).ConfigureAwait(false);
    }
}
