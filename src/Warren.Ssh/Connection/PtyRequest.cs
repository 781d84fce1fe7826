using Warren.Ssh.Wire;

namespace Warren.Ssh.Connection;

/// <summary>
/// Data of the <c>pty-req</c> channel request (RFC 4254 §6.2): <c>string TERM, uint32 width
/// (characters), uint32 height (rows), uint32 width (pixels), uint32 height (pixels), string
/// encoded terminal modes</c>. Warren has no terminals; it reads this only to answer sensibly.
/// </summary>
/// <param name="TerminalType">The TERM value, e.g. <c>xterm-256color</c>.</param>
/// <param name="WidthCharacters">Columns.</param>
/// <param name="HeightRows">Rows.</param>
/// <param name="WidthPixels">Width in pixels, 0 when unknown.</param>
/// <param name="HeightPixels">Height in pixels, 0 when unknown.</param>
/// <param name="TerminalModes">The opcode stream of RFC 4254 §8, kept undecoded (a copy, not a slice).</param>
public readonly record struct PtyRequest(
    string TerminalType,
    uint WidthCharacters,
    uint HeightRows,
    uint WidthPixels,
    uint HeightPixels,
    ReadOnlyMemory<byte> TerminalModes)
{
    /// <summary>Reads the data that <see cref="ChannelRequest.TryRead"/> handed out; false when malformed.</summary>
    public static bool TryReadData(ReadOnlySpan<byte> requestData, out PtyRequest request)
    {
        request = default;
        var reader = new SshReader(requestData);
        if (!ConnectionWire.TryReadText(ref reader, out var term)
            || !reader.TryReadUInt32(out var columns)
            || !reader.TryReadUInt32(out var rows)
            || !reader.TryReadUInt32(out var width)
            || !reader.TryReadUInt32(out var height)
            || !reader.TryReadString(out var modes)
            || reader.Remaining != 0)
        {
            return false;
        }

        request = new PtyRequest(term, columns, rows, width, height, modes.ToArray());
        return true;
    }

    /// <summary>Size of the whole CHANNEL_REQUEST that <see cref="WriteTo"/> writes.</summary>
    public int GetSize() =>
        new ChannelRequest(0, ChannelRequestTypes.PtyReq, false).GetSize(ConnectionWire.StringSize(TerminalType) + 16 + 4 + TerminalModes.Length);

    /// <summary>Writes a whole CHANNEL_REQUEST of type <c>pty-req</c> and returns its size.</summary>
    public int WriteTo(Span<byte> destination, uint recipientChannel, bool wantReply)
    {
        var writer = new SshWriter(destination);
        new ChannelRequest(recipientChannel, ChannelRequestTypes.PtyReq, wantReply).WriteHeader(ref writer);
        writer.WriteUtf8(TerminalType);
        writer.WriteUInt32(WidthCharacters);
        writer.WriteUInt32(HeightRows);
        writer.WriteUInt32(WidthPixels);
        writer.WriteUInt32(HeightPixels);
        writer.WriteString(TerminalModes.Span);
        return writer.Position;
    }
}
