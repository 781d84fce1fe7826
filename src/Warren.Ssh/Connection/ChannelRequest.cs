using Warren.Ssh.Wire;

namespace Warren.Ssh.Connection;

/// <summary>
/// SSH_MSG_CHANNEL_REQUEST (RFC 4254 §5.4): <c>uint32 recipient channel, string request type,
/// boolean want reply, ....</c> The type-specific data is handed back as a slice for a typed reader
/// (<see cref="PtyRequest"/>, <see cref="ExecRequest"/>, <see cref="EnvRequest"/>,
/// <see cref="SubsystemRequest"/>, <see cref="WindowChangeRequest"/>); <c>shell</c>,
/// <c>keepalive@openssh.com</c> and <c>eow@openssh.com</c> carry none.
/// </summary>
/// <param name="RecipientChannel">The receiver's channel number.</param>
/// <param name="RequestType">See <see cref="ChannelRequestTypes"/>.</param>
/// <param name="WantReply">
/// True when the sender waits for CHANNEL_SUCCESS or CHANNEL_FAILURE, sent in request order; an
/// unknown type with want reply gets CHANNEL_FAILURE.
/// </param>
public readonly record struct ChannelRequest(uint RecipientChannel, string RequestType, bool WantReply)
{
    /// <summary>
    /// Reads the message. False means malformed: disconnect with
    /// <see cref="SshDisconnectReason.ProtocolError"/>. Malformed type-specific data is the
    /// caller's to answer with CHANNEL_FAILURE or a disconnect.
    /// </summary>
    public static bool TryRead(ReadOnlySpan<byte> payload, out ChannelRequest message, out ReadOnlySpan<byte> requestData)
    {
        message = default;
        requestData = default;
        if (!ConnectionWire.TryStart(payload, SshMessageNumber.ChannelRequest, out var reader)
            || !reader.TryReadUInt32(out var recipient)
            || !ConnectionWire.TryReadText(ref reader, out var type)
            || !reader.TryReadBoolean(out var wantReply))
        {
            return false;
        }

        message = new ChannelRequest(recipient, type, wantReply);
        requestData = reader.Rest;
        return true;
    }

    /// <summary>Size of the message with <paramref name="requestDataLength"/> bytes of type-specific data.</summary>
    public int GetSize(int requestDataLength) => 1 + 4 + ConnectionWire.StringSize(RequestType) + 1 + requestDataLength;

    /// <summary>Writes the message with the given type-specific data and returns its size.</summary>
    public int WriteTo(Span<byte> destination, ReadOnlySpan<byte> requestData)
    {
        var writer = new SshWriter(destination);
        WriteHeader(ref writer);
        writer.WriteBytes(requestData);
        return writer.Position;
    }

    internal void WriteHeader(ref SshWriter writer)
    {
        writer.WriteByte(SshMessageNumber.ChannelRequest);
        writer.WriteUInt32(RecipientChannel);
        writer.WriteUtf8(RequestType);
        writer.WriteBoolean(WantReply);
    }
}
