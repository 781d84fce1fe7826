using Warren.Ssh.Wire;

namespace Warren.Ssh.Transport;

/// <summary>SSH_MSG_EXT_INFO (RFC 8308 §2.3): what the server announces, and reading what a peer announces.</summary>
internal static class ExtInfo
{
    /// <summary>Signature algorithms accepted in user authentication (RFC 8308 §3.1), as OpenSSH lists them.</summary>
    public const string ServerSigAlgs =
        "ssh-ed25519,ecdsa-sha2-nistp256,ecdsa-sha2-nistp384,ecdsa-sha2-nistp521,"
        + "sk-ssh-ed25519@openssh.com,sk-ecdsa-sha2-nistp256@openssh.com,rsa-sha2-512,rsa-sha2-256";

    private const int MaxExtensions = 64;

    public static byte[] CreateServerPayload()
    {
        var buffer = new byte[1024];
        var writer = new SshWriter(buffer);
        writer.WriteByte(SshMessageNumber.ExtInfo);
        writer.WriteUInt32(2);
        writer.WriteUtf8("server-sig-algs");
        writer.WriteUtf8(ServerSigAlgs);
        writer.WriteUtf8("ping@openssh.com");
        writer.WriteUtf8("0");
        return writer.Written.ToArray();
    }

    public static bool TryRead(ReadOnlySpan<byte> payload, out Dictionary<string, string> extensions)
    {
        extensions = new Dictionary<string, string>(StringComparer.Ordinal);
        var reader = new SshReader(payload[1..]);
        if (!reader.TryReadUInt32(out var count) || count > MaxExtensions)
        {
            return false;
        }

        for (var i = 0; i < count; i++)
        {
            if (!reader.TryReadUtf8(out var name) || !reader.TryReadString(out var value))
            {
                return false;
            }

            // Values are opaque bytes (RFC 8308 §2.3); the ones we read are ASCII.
            extensions[name] = System.Text.Encoding.UTF8.GetString(value);
        }

        return reader.Remaining == 0;
    }
}
