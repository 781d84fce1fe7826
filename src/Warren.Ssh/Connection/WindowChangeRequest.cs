using Warren.Ssh.Wire;

namespace Warren.Ssh.Connection;

/// <summary>
/// Data of the <c>window-change</c> channel request (RFC 4254 §6.7): <c>uint32 width (columns),
/// uint32 height (rows), uint32 width (pixels), uint32 height (pixels)</c>. Sent with want reply
/// false; there is never an answer.
/// </summary>
/// <param name="WidthCharacters">Columns.</param>
/// <param name="HeightRows">Rows.</param>
/// <param name="WidthPixels">Width in pixels.</param>
/// <param name="HeightPixels">Height in pixels.</param>
public readonly record struct WindowChangeRequest(uint WidthCharacters, uint HeightRows, uint WidthPixels, uint HeightPixels)
{
    /// <summary>Reads the data that <see cref="ChannelRequest.TryRead"/> handed out; false when malformed.</summary>
    public static bool TryReadData(ReadOnlySpan<byte> requestData, out WindowChangeRequest request)
    {
        request = default;
        var reader = new SshReader(requestData);
        if (!reader.TryReadUInt32(out var columns)
            || !reader.TryReadUInt32(out var rows)
            || !reader.TryReadUInt32(out var width)
            || !reader.TryReadUInt32(out var height)
            || reader.Remaining != 0)
        {
            return false;
        }

        request = new WindowChangeRequest(columns, rows, width, height);
        return true;
    }

    /// <summary>Size of the whole CHANNEL_REQUEST that <see cref="WriteTo"/> writes.</summary>
    public static int GetSize() => new ChannelRequest(0, ChannelRequestTypes.WindowChange, false).GetSize(16);

    /// <summary>Writes a whole CHANNEL_REQUEST of type <c>window-change</c> (want reply false) and returns its size.</summary>
    public int WriteTo(Span<byte> destination, uint recipientChannel)
    {
        var writer = new SshWriter(destination);
        new ChannelRequest(recipientChannel, ChannelRequestTypes.WindowChange, false).WriteHeader(ref writer);
        writer.WriteUInt32(WidthCharacters);
        writer.WriteUInt32(HeightRows);
        writer.WriteUInt32(WidthPixels);
        writer.WriteUInt32(HeightPixels);
        return writer.Position;
    }
}
