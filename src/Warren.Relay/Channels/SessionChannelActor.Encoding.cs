using Warren.Ssh.Connection;

namespace Warren.Relay.Channels;

/// <summary>The channel messages a session channel sends, each in an array of its exact size.</summary>
public sealed partial class SessionChannelActor
{
    private static byte[] Encode(ChannelWindowAdjust message)
    {
        var buffer = new byte[ChannelWindowAdjust.Size];
        message.WriteTo(buffer);
        return buffer;
    }

    private static byte[] Encode(ChannelEof message)
    {
        var buffer = new byte[ChannelEof.Size];
        message.WriteTo(buffer);
        return buffer;
    }

    private static byte[] Encode(ChannelClose message)
    {
        var buffer = new byte[ChannelClose.Size];
        message.WriteTo(buffer);
        return buffer;
    }

    private static byte[] Encode(ChannelSuccess message)
    {
        var buffer = new byte[ChannelSuccess.Size];
        message.WriteTo(buffer);
        return buffer;
    }

    private static byte[] Encode(ChannelFailure message)
    {
        var buffer = new byte[ChannelFailure.Size];
        message.WriteTo(buffer);
        return buffer;
    }
}
