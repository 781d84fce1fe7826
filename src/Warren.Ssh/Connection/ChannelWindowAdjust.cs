using System.Buffers.Binary;

namespace Warren.Ssh.Connection;

/// <summary>
/// SSH_MSG_CHANNEL_WINDOW_ADJUST (RFC 4254 §5.2): <c>uint32 recipient channel, uint32 bytes to
/// add</c>. A value type with no references: reading and writing allocate nothing. Applying it is
/// <see cref="ChannelSendWindow.TryAdjust"/>'s job, which refuses a window above 2^32-1.
/// </summary>
/// <param name="RecipientChannel">The receiver's channel number.</param>
/// <param name="BytesToAdd">How much more the sender of this message will accept.</param>
public readonly record struct ChannelWindowAdjust(uint RecipientChannel, uint BytesToAdd)
{
    /// <summary>Size of the message.</summary>
    public const int Size = 9;

    /// <summary>Reads the message; false when malformed (disconnect with a protocol error).</summary>
    public static bool TryRead(ReadOnlySpan<byte> payload, out ChannelWindowAdjust message)
    {
        if (payload.Length != Size || payload[0] != SshMessageNumber.ChannelWindowAdjust)
        {
            message = default;
            return false;
        }

        message = new ChannelWindowAdjust(
            BinaryPrimitives.ReadUInt32BigEndian(payload.Slice(1, 4)),
            BinaryPrimitives.ReadUInt32BigEndian(payload.Slice(5, 4)));
        return true;
    }

    /// <summary>Writes the message and returns <see cref="Size"/>.</summary>
    public int WriteTo(Span<byte> destination)
    {
        var message = destination[..Size];
        message[0] = SshMessageNumber.ChannelWindowAdjust;
        BinaryPrimitives.WriteUInt32BigEndian(message.Slice(1, 4), RecipientChannel);
        BinaryPrimitives.WriteUInt32BigEndian(message.Slice(5, 4), BytesToAdd);
        return Size;
    }
}
