using System.Net;
using Warren.Ssh.Auth;

namespace Warren.Ssh.Server;

/// <summary>How the server authenticates one connection (RFC 4252), and what it tells the operator.</summary>
public sealed record UserAuthOptions
{
    /// <summary>Keys and certificates; null when no key source is configured.</summary>
    public IPublicKeyPolicy? PublicKeys { get; init; }

    /// <summary>Checks a user's password; null keeps the password method off (the default).</summary>
    public Func<string, string, bool>? Passwords { get; init; }

    /// <summary>Any key whose signature proves possession logs in; the account is the key's SHA256 fingerprint.</summary>
    public bool Anonymous { get; init; }

    /// <summary>Failed attempts before the disconnect (sshd's MaxAuthTries).</summary>
    public int MaxAuthTries { get; init; } = 6;

    /// <summary>Text sent in SSH_MSG_USERAUTH_BANNER before authentication (sshd's Banner); null for none.</summary>
    public string? Banner { get; init; }

    /// <summary>The client's address, for from= and source-address checks and for the log.</summary>
    public IPAddress Source { get; init; } = IPAddress.None;

    /// <summary>The clock for certificate validity and expiry-time.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Told once about every attempt that counts (success or failure), for the log.</summary>
    public Action<AuthAttempt>? OnAttempt { get; init; }
}
