using Warren.Ssh.Wire;

namespace Warren.Ssh.Connection;

/// <summary>
/// The data of the <c>streamlocal-forward@openssh.com</c> and
/// <c>cancel-streamlocal-forward@openssh.com</c> global requests (OpenSSH PROTOCOL §2.4):
/// <c>string socket path</c>. Sent by <c>ssh -R /path:...</c>; a relay can read the path as a
/// service name. The reply is a bare REQUEST_SUCCESS or REQUEST_FAILURE.
/// </summary>
/// <param name="SocketPath">The path, exactly as sent; echoed in <c>forwarded-streamlocal@openssh.com</c> opens.</param>
public readonly record struct StreamLocalForwardRequest(string SocketPath)
{
    /// <summary>Reads the request data handed out by <see cref="GlobalRequest.TryRead"/>; false when malformed.</summary>
    public static bool TryReadData(ReadOnlySpan<byte> requestData, out StreamLocalForwardRequest request)
    {
        request = default;
        var reader = new SshReader(requestData);
        if (!ConnectionWire.TryReadText(ref reader, out var path) || reader.Remaining != 0)
        {
            return false;
        }

        request = new StreamLocalForwardRequest(path);
        return true;
    }

    /// <summary>Size of the whole GLOBAL_REQUEST that <see cref="WriteTo"/> writes.</summary>
    public int GetSize(bool cancel) => new GlobalRequest(Name(cancel), false).GetSize(ConnectionWire.StringSize(SocketPath));

    /// <summary>Writes a whole GLOBAL_REQUEST (the cancel form when <paramref name="cancel"/>) and returns its size.</summary>
    public int WriteTo(Span<byte> destination, bool cancel, bool wantReply)
    {
        var writer = new SshWriter(destination);
        new GlobalRequest(Name(cancel), wantReply).WriteHeader(ref writer);
        writer.WriteUtf8(SocketPath);
        return writer.Position;
    }

    private static string Name(bool cancel) =>
        cancel ? GlobalRequestNames.CancelStreamLocalForward : GlobalRequestNames.StreamLocalForward;
}
