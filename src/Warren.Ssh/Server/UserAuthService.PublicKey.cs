using Warren.Ssh.Auth;
using Warren.Ssh.Keys;
using Warren.Ssh.Wire;

namespace Warren.Ssh.Server;

/// <summary>The "publickey" method (RFC 4252 §7): queries answered with PK_OK, signed requests checked.</summary>
public sealed partial class UserAuthService
{
    private async ValueTask<AuthOutcome> OnPublicKeyAsync(ReadOnlyMemory<byte> payload, string user, CancellationToken cancellationToken)
    {
        var reader = new SshReader(payload.Span[1..]);
        reader.TryReadString(out _);
        reader.TryReadString(out _);
        reader.TryReadString(out _);
        if (!reader.TryReadBoolean(out var signed) || !reader.TryReadUtf8(out var algorithm) || !reader.TryReadString(out var blobSpan))
        {
            throw new SshProtocolException(SshDisconnectReason.ProtocolError, "malformed publickey request");
        }

        var signedLength = 1 + reader.Position;
        var signature = ReadOnlySpan<byte>.Empty;
        if (signed && (!reader.TryReadString(out signature) || reader.Remaining != 0))
        {
            throw new SshProtocolException(SshDisconnectReason.ProtocolError, "malformed publickey signature");
        }

        var blob = blobSpan.ToArray();
        var plainKey = UserKeys.PlainKeyOf(algorithm, blob);
        var fingerprint = plainKey is null ? null : KeyFile.Fingerprint(plainKey);
        if (!IsAcceptedAlgorithm(algorithm) || plainKey is null)
        {
            return AuthOutcome.Fail("publickey", $"key algorithm {algorithm} is not accepted", algorithm, fingerprint);
        }

        // The policy runs for every user, known or not, so the answer costs the same (CVE-2018-15473).
        var decision = _options.Anonymous
            ? new PublicKeyDecision(true, KeyPermissions.Unrestricted with { Source = "anonymous" }, "anonymous")
            : _options.PublicKeys?.Check(user, algorithm, blob, _options.Source, _options.Time.GetUtcNow())
                ?? PublicKeyDecision.Deny("no key source is configured");

        if (!signed)
        {
            if (!decision.Allowed)
            {
                return AuthOutcome.Fail("publickey", decision.Reason, algorithm, fingerprint);
            }

            // RFC 4252 §7: the key would do; the client signs next. Nothing is granted here.
            var okay = new byte[1 + 4 + System.Text.Encoding.UTF8.GetByteCount(algorithm) + 4 + blob.Length];
            var writer = new SshWriter(okay);
            writer.WriteByte(SshMessageNumber.UserAuthPkOk);
            writer.WriteUtf8(algorithm);
            writer.WriteString(blob);
            await _transport.SendAsync(okay, cancellationToken).ConfigureAwait(false);
            return AuthOutcome.Replied;
        }

        // Signed data: the session id, then the request exactly as sent up to the key blob (RFC 4252 §7).
        var sessionId = _transport.SessionId;
        var data = new byte[4 + sessionId.Length + signedLength];
        var dataWriter = new SshWriter(data);
        dataWriter.WriteString(sessionId);
        dataWriter.WriteBytes(payload.Span[..signedLength]);
        var verified = UserKeys.VerifySignature(algorithm, blob, signature, data, out var flags);
        if (!verified)
        {
            return AuthOutcome.Fail("publickey", "signature did not verify", algorithm, fingerprint);
        }

        if (!decision.Allowed)
        {
            return AuthOutcome.Fail("publickey", decision.Reason, algorithm, fingerprint);
        }

        if (flags is { } sk && !sk.Satisfies(decision.RequireUserPresence, decision.RequireUserVerification))
        {
            return AuthOutcome.Fail("publickey", "security key signature lacks user presence or verification", algorithm, fingerprint);
        }

        var account = _options.Anonymous ? fingerprint! : user;
        var permissions = decision.Permissions ?? KeyPermissions.Unrestricted;
        return AuthOutcome.Success(new AuthenticatedUser(account, "publickey", permissions, fingerprint), algorithm, fingerprint, permissions.Source);
    }

    private static bool IsAcceptedAlgorithm(string algorithm) =>
        Array.IndexOf(PlainKeyAlgorithms, algorithm) >= 0 || Array.IndexOf(CertificateAlgorithms, algorithm) >= 0;
}
