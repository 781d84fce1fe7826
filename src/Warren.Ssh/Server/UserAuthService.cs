using Warren.Ssh.Auth;
using Warren.Ssh.Keys;
using Warren.Ssh.Transport;
using Warren.Ssh.Wire;

namespace Warren.Ssh.Server;

/// <summary>
/// The ssh-userauth service, server side (RFC 4252). A strict state machine: only the service
/// request and authentication requests until success; messages only a server sends, and any
/// connection-protocol message, end the connection. A signature counts only for the key in the
/// same request, over this session's id (the class of CVE-2024-45337).
/// </summary>
public sealed partial class UserAuthService
{
    private const string UserAuthServiceName = "ssh-userauth";
    private const string ConnectionServiceName = "ssh-connection";

    private static readonly string[] PlainKeyAlgorithms =
    [
        "ssh-ed25519", "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521", "rsa-sha2-512", "rsa-sha2-256",
        "sk-ssh-ed25519@openssh.com", "sk-ecdsa-sha2-nistp256@openssh.com",
    ];

    private static readonly string[] CertificateAlgorithms =
    [
        "ssh-ed25519-cert-v01@openssh.com", "ecdsa-sha2-nistp256-cert-v01@openssh.com", "ecdsa-sha2-nistp384-cert-v01@openssh.com",
        "ecdsa-sha2-nistp521-cert-v01@openssh.com", "rsa-sha2-512-cert-v01@openssh.com", "rsa-sha2-256-cert-v01@openssh.com",
        "sk-ssh-ed25519-cert-v01@openssh.com", "sk-ecdsa-sha2-nistp256-cert-v01@openssh.com",
    ];

    private readonly SshTransport _transport;
    private readonly UserAuthOptions _options;
    private readonly string[] _methods;
    private bool _serviceAccepted;
    private int _failures;
    private string? _user;

    /// <summary>Serves authentication on an established transport.</summary>
    public UserAuthService(SshTransport transport, UserAuthOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _transport = transport;
        _options = options;
        // publickey is always offered: with no key source configured it simply admits no one.
        var methods = new List<string> { "publickey" };

        if (options.Passwords is not null)
        {
            methods.Add("password");
        }

        _methods = [.. methods];
    }

    /// <summary>
    /// Runs until a user is authenticated and returns who. Faults end with
    /// <see cref="SshProtocolException"/>, which the caller turns into SSH_MSG_DISCONNECT.
    /// </summary>
    public async Task<AuthenticatedUser> AuthenticateAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var payload = await _transport.ReceiveAsync(cancellationToken).ConfigureAwait(false);
            var number = payload.Span[0];
            switch (number)
            {
                case SshMessageNumber.ServiceRequest:
                    await OnServiceRequestAsync(payload, cancellationToken).ConfigureAwait(false);
                    break;
                case SshMessageNumber.UserAuthRequest when _serviceAccepted:
                    var user = await OnRequestAsync(payload, cancellationToken).ConfigureAwait(false);
                    if (user is not null)
                    {
                        return user;
                    }

                    break;
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
                    break;
            }
        }
    }

    private async ValueTask OnServiceRequestAsync(ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        var reader = new SshReader(payload.Span[1..]);
        if (!reader.TryReadUtf8(out var service) || reader.Remaining != 0)
        {
            throw new SshProtocolException(SshDisconnectReason.ProtocolError, "malformed service request");
        }

        if (service != UserAuthServiceName || _serviceAccepted)
        {
            throw new SshProtocolException(SshDisconnectReason.ServiceNotAvailable, $"service '{service}' is not available");
        }

        _serviceAccepted = true;
        await _transport.SendAsync(ServiceMessages.CreateServiceAccept(service), cancellationToken).ConfigureAwait(false);
        if (_options.Banner is { Length: > 0 } banner)
        {
            await _transport.SendAsync(ServiceMessages.CreateBanner(banner), cancellationToken).ConfigureAwait(false);
        }
    }

    private async ValueTask<AuthenticatedUser?> OnRequestAsync(ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        var reader = new SshReader(payload.Span[1..]);
        if (!reader.TryReadUtf8(out var user) || !reader.TryReadUtf8(out var service) || !reader.TryReadUtf8(out var method))
        {
            throw new SshProtocolException(SshDisconnectReason.ProtocolError, "malformed authentication request");
        }

        if (service != ConnectionServiceName)
        {
            throw new SshProtocolException(SshDisconnectReason.ServiceNotAvailable, $"service '{service}' is not available");
        }

        // RFC 4252 §5: a new user name starts a new attempt; nothing of the old one carries over.
        _user = user;

        var outcome = method switch
        {
            "none" => AuthOutcome.Silent,
            "publickey" when _methods.Contains("publickey") => await OnPublicKeyAsync(payload, user, cancellationToken).ConfigureAwait(false),
            "password" when _options.Passwords is not null => OnPassword(payload, user),
            _ => AuthOutcome.Fail(method, $"method {method} is not enabled"),
        };

        if (outcome.User is not null)
        {
            // The account logged in as: the user name, or the key fingerprint in anonymous mode.
            Report(new AuthAttempt(outcome.User.User, method, true, outcome.KeyType, outcome.Fingerprint, outcome.Reason));
            await _transport.SendAsync(new[] { SshMessageNumber.UserAuthSuccess }, cancellationToken).ConfigureAwait(false);
            return outcome.User;
        }

        if (outcome.Answered)
        {
            return null;
        }

        if (outcome.Counts)
        {
            Report(new AuthAttempt(user, method, false, outcome.KeyType, outcome.Fingerprint, outcome.Reason));
            if (++_failures >= _options.MaxAuthTries)
            {
                throw new SshProtocolException(SshDisconnectReason.NoMoreAuthMethodsAvailable, "too many authentication failures");
            }
        }

        await _transport.SendAsync(ServiceMessages.CreateUserAuthFailure(_methods, partialSuccess: false), cancellationToken).ConfigureAwait(false);
        return null;
    }

    private AuthOutcome OnPassword(ReadOnlyMemory<byte> payload, string user)
    {
        var reader = new SshReader(payload.Span[1..]);
        reader.TryReadString(out _);
        reader.TryReadString(out _);
        reader.TryReadString(out _);
        if (!reader.TryReadBoolean(out var change) || !reader.TryReadUtf8(out var password))
        {
            throw new SshProtocolException(SshDisconnectReason.ProtocolError, "malformed password request");
        }

        if (change)
        {
            return AuthOutcome.Fail("password", "password change is not supported");
        }

        return _options.Passwords!(user, password)
            ? AuthOutcome.Success(new AuthenticatedUser(user, "password", KeyPermissions.Unrestricted, null), null, null, "password file")
            : AuthOutcome.Fail("password", "wrong password or unknown user");
    }

    private void Report(AuthAttempt attempt) => _options.OnAttempt?.Invoke(attempt);
}
