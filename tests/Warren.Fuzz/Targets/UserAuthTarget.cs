using Warren.Ssh;
using Warren.Ssh.Auth;
using Warren.Ssh.Keys;
using Warren.Ssh.Server;
using Warren.Ssh.Wire;

namespace Warren.Fuzz.Targets;

/// <summary>
/// SSH_MSG_USERAUTH_REQUEST (RFC 4252 §5, §7, §8), field by field as <see cref="UserAuthService"/>
/// reads it (that service needs a live transport, so its reads are repeated here; each read is
/// the same <see cref="SshReader"/> call), then everything the service does with the fields:
/// the plain key of the blob, its fingerprint, the signature over the request, the certificate
/// policy.
/// </summary>
internal static class UserAuthTarget
{
    private static readonly byte[] SessionId = new byte[32];

    public static void Run(ReadOnlySpan<byte> data)
    {
        if (data.IsEmpty || data[0] != SshMessageNumber.UserAuthRequest)
        {
            return;
        }

        var reader = new SshReader(data[1..]);
        if (!reader.TryReadUtf8(out var user) || !reader.TryReadUtf8(out _) || !reader.TryReadUtf8(out var method))
        {
            return;
        }

        if (method == "password")
        {
            reader.TryReadBoolean(out _);
            reader.TryReadUtf8(out _);
            return;
        }

        if (method != "publickey" || !reader.TryReadBoolean(out var signed) || !reader.TryReadUtf8(out var algorithm)
            || !reader.TryReadString(out var blobSpan))
        {
            return;
        }

        var signedLength = 1 + reader.Position;
        var signature = ReadOnlySpan<byte>.Empty;
        if (signed && (!reader.TryReadString(out signature) || reader.Remaining != 0))
        {
            return;
        }

        var blob = blobSpan.ToArray();
        if (UserKeys.PlainKeyOf(algorithm, blob) is { } plainKey)
        {
            KeyFile.Fingerprint(plainKey);
        }

        if (CertificateAlgorithms.IsCertificateAlgorithm(algorithm))
        {
            FuzzKeys.Policy.Check(user, algorithm, blob, FuzzKeys.Source, FuzzKeys.Now);
        }

        var signedData = new byte[4 + SessionId.Length + signedLength];
        var writer = new SshWriter(signedData);
        writer.WriteString(SessionId);
        writer.WriteBytes(data[..signedLength]);
        UserKeys.VerifySignature(algorithm, blob, signature, signedData, out var flags);
        flags?.Satisfies(requireUserPresence: true, requireUserVerification: true);
    }
}
