using Warren.Ssh.Connection;

namespace Warren.Relay.Tests.Channels;

/// <summary>Connection-protocol messages as a client would send them, for channel actor tests.</summary>
internal static class ChannelPayloads
{
    public static byte[] Data(uint recipient, ReadOnlySpan<byte> data)
    {
        var payload = new byte[ChannelData.HeaderSize + data.Length];
        ChannelData.WriteTo(payload, recipient, data);
        return payload;
    }

    public static byte[] Encode(ChannelWindowAdjust message)
    {
        var payload = new byte[ChannelWindowAdjust.Size];
        message.WriteTo(payload);
        return payload;
    }

    public static byte[] Encode(ChannelEof message)
    {
        var payload = new byte[ChannelEof.Size];
        message.WriteTo(payload);
        return payload;
    }

    public static byte[] Encode(ChannelClose message)
    {
        var payload = new byte[ChannelClose.Size];
        message.WriteTo(payload);
        return payload;
    }

    public static byte[] Encode(ChannelOpenConfirmation message)
    {
        var payload = new byte[ChannelOpenConfirmation.Size];
        message.WriteTo(payload);
        return payload;
    }
}
