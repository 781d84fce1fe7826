using FsCheck.Xunit;
using Warren.Ssh.Connection;

namespace Warren.Ssh.Tests.Connection;

/// <summary>Arbitrary bytes behind every connection message number: parsers answer, never throw.</summary>
public sealed class HostileInputTests
{
    [Property(MaxTest = 2000)]
    public bool AllParsers_ArbitraryPayload_NeverThrow(byte number, byte[] body)
    {
        var payload = new byte[1 + body.Length];
        payload[0] = (byte)(80 + (number % 21));
        body.CopyTo(payload, 1);
        ReadAll(payload);

        // The same bytes as type-specific data of every typed reader.
        ReadAllData(body);
        return true;
    }

    [Property(MaxTest = 500)]
    public bool AllParsers_PlausibleLengthsWithGarbage_NeverThrow(uint recipient, uint length, byte[] tail)
    {
        // A plausible header with a forged length, the shape that broke allocation-first parsers.
        var payload = new byte[9 + tail.Length];
        foreach (var number in new byte[] { 80, 90, 94, 95, 98 })
        {
            payload[0] = number;
            System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(payload.AsSpan(1), recipient);
            System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(payload.AsSpan(5), length);
            tail.CopyTo(payload, 9);
            ReadAll(payload);
            ReadAllData(payload.AsSpan(1));
        }

        return true;
    }

    private static void ReadAll(ReadOnlySpan<byte> payload)
    {
        GlobalRequest.TryRead(payload, out _, out _);
        RequestSuccess.TryRead(payload, out _);
        RequestFailure.TryRead(payload);
        ChannelOpen.TryRead(payload, out _, out _);
        ChannelOpenConfirmation.TryRead(payload, out _);
        ChannelOpenFailure.TryRead(payload, out _);
        ChannelWindowAdjust.TryRead(payload, out _);
        ChannelData.TryRead(payload, out _, out _, out _);
        ChannelExtendedData.TryRead(payload, out _, out _, out _, out _);
        ChannelEof.TryRead(payload, out _);
        ChannelClose.TryRead(payload, out _);
        ChannelRequest.TryRead(payload, out _, out _);
        ChannelSuccess.TryRead(payload, out _);
        ChannelFailure.TryRead(payload, out _);
    }

    private static void ReadAllData(ReadOnlySpan<byte> data)
    {
        TcpipForwardRequest.TryReadData(data, out _);
        DirectTcpip.TryReadData(data, out _);
        ForwardedTcpip.TryReadData(data, out _);
        DirectStreamLocal.TryReadData(data, out _);
        ForwardedStreamLocal.TryReadData(data, out _);
        StreamLocalForwardRequest.TryReadData(data, out _);
        PtyRequest.TryReadData(data, out _);
        ExecRequest.TryReadData(data, out _);
        EnvRequest.TryReadData(data, out _);
        SubsystemRequest.TryReadData(data, out _);
        WindowChangeRequest.TryReadData(data, out _);
        ExitStatus.TryReadData(data, out _);
    }
}
