using Warren.Ssh.Wire;

namespace Warren.Ssh.Connection;

/// <summary>
/// SSH_MSG_GLOBAL_REQUEST (RFC 4254 §4): <c>string request name, boolean want reply, ....</c>
/// The request-specific data is handed back as a slice for a typed reader such as
/// <see cref="TcpipForwardRequest.TryReadData"/>.
/// </summary>
/// <param name="RequestName">The request name, e.g. <see cref="GlobalRequestNames.TcpipForward"/>.</param>
/// <param name="WantReply">
/// True when the peer waits for REQUEST_SUCCESS or REQUEST_FAILURE. Replies go out in the order the
/// requests came in (RFC 4254 §4); an unknown request with want reply gets REQUEST_FAILURE.
/// </param>
public readonly record struct GlobalRequest(string RequestName, bool WantReply)
{
    /// <summary>
    /// Reads the message. False means malformed: the caller disconnects with
    /// <see cref="SshDisconnectReason.ProtocolError"/>. <paramref name="requestData"/> is a slice of
    /// <paramref name="payload"/> and lives as long as it does.
    /// </summary>
    public static bool TryRead(ReadOnlySpan<byte> payload, out GlobalRequest message, out ReadOnlySpan<byte> requestData)
    {
        message = default;
        requestData = default;
        if (!ConnectionWire.TryStart(payload, SshMessageNumber.GlobalRequest, out var reader)
            || !ConnectionWire.TryReadText(ref reader, out var name)
            || !reader.TryReadBoolean(out var wantReply))
        {
            return false;
        }

        message = new GlobalRequest(name, wantReply);
        requestData = reader.Rest;
        return true;
    }

    /// <summary>Bytes <see cref="WriteTo"/> needs for request data of <paramref name="requestDataLength"/> bytes.</summary>
    public int GetSize(int requestDataLength) => 1 + ConnectionWire.StringSize(RequestName) + 1 + requestDataLength;

    /// <summary>Writes the whole message and returns its size; throws when <paramref name="destination"/> is too small.</summary>
    public int WriteTo(Span<byte> destination, ReadOnlySpan<byte> requestData)
    {
        var writer = new SshWriter(destination);
        WriteHeader(ref writer);
        writer.WriteBytes(requestData);
        return writer.Position;
    }

    internal void WriteHeader(ref SshWriter writer)
    {
        writer.WriteByte(SshMessageNumber.GlobalRequest);
        writer.WriteUtf8(RequestName);
        writer.WriteBoolean(WantReply);
    }
}
