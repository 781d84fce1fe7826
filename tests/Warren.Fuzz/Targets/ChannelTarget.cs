using Warren.Ssh.Connection;

namespace Warren.Fuzz.Targets;

/// <summary>
/// The channel messages of RFC 4254 §5-7 as a peer sends them. Every reader checks its own
/// message number, so each payload goes to all of them; type-specific data goes to every typed
/// reader whatever the type says, since a peer may send any bytes under any type. A window
/// adjust or data length goes through the window arithmetic too.
/// </summary>
internal static class ChannelTarget
{
    public static void Run(ReadOnlySpan<byte> data)
    {
        if (ChannelOpen.TryRead(data, out _, out var channelData))
        {
            DirectTcpip.TryReadData(channelData, out _);
            ForwardedTcpip.TryReadData(channelData, out _);
            DirectStreamLocal.TryReadData(channelData, out _);
            ForwardedStreamLocal.TryReadData(channelData, out _);
        }

        if (ChannelRequest.TryRead(data, out _, out var requestData))
        {
            PtyRequest.TryReadData(requestData, out _);
            ExecRequest.TryReadData(requestData, out _);
            EnvRequest.TryReadData(requestData, out _);
            SubsystemRequest.TryReadData(requestData, out _);
            WindowChangeRequest.TryReadData(requestData, out _);
            ExitStatus.TryReadData(requestData, out _);
        }

        if (ChannelOpenConfirmation.TryRead(data, out var confirmation))
        {
            var send = new ChannelSendWindow(confirmation.InitialWindowSize, confirmation.MaximumPacketSize);
            send.TryReserve(int.MaxValue, out _);
        }

        if (ChannelWindowAdjust.TryRead(data, out var adjust))
        {
            var send = new ChannelSendWindow(uint.MaxValue - 1, 32768);
            send.TryAdjust(adjust.BytesToAdd, out _);
        }

        if (ChannelData.TryRead(data, out _, out _, out var dataLength))
        {
            var receive = new ChannelReceiveWindow(2 * 1024 * 1024, 32768);
            receive.TryConsume(dataLength, out _);
        }

        ChannelExtendedData.TryRead(data, out _, out _, out _, out _);
        ChannelOpenFailure.TryRead(data, out _);
        ChannelEof.TryRead(data, out _);
        ChannelClose.TryRead(data, out _);
        ChannelSuccess.TryRead(data, out _);
        ChannelFailure.TryRead(data, out _);
    }
}
