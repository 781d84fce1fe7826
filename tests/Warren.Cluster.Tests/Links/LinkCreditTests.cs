using Warren.Relay.Cluster.Links;
using Warren.Ssh.Connection;

namespace Warren.Cluster.Tests.Links;

/// <summary>
/// Per-stream credit on a relay link uses SSH's own window arithmetic (RFC 4254 section 5.2):
/// the sender's <see cref="ChannelSendWindow"/> and the receiver's
/// <see cref="ChannelReceiveWindow"/>, with Data and Credit frames in place of CHANNEL_DATA and
/// WINDOW_ADJUST.
/// </summary>
public sealed class LinkCreditTests
{
    private const uint Window = 64 * 1024;
    private const uint Packet = 16 * 1024;

    [Fact]
    public void Transfer_ManyTimesTheWindow_SenderNeverOutrunsTheGrantsAndAllArrives()
    {
        var sender = new ChannelSendWindow(Window, Packet);
        var receiver = new ChannelReceiveWindow(Window, Packet);
        var wire = new byte[RelayFrame.HeaderSize + (int)Packet];
        var payload = new byte[Packet];
        const long Total = 20L * Window;
        var sent = 0L;
        var delivered = 0L;

        while (delivered < Total)
        {
            // Send what the credit allows, one frame at a time, through the codec.
            while (sent < Total && sender.TryReserve((int)Math.Min(Packet, Total - sent), out var granted))
            {
                var size = RelayFrameCodec.Write(wire, RelayFrameType.Data, 3, payload.AsSpan(0, granted));
                sender.Commit(granted, granted);
                sent += granted;

                Assert.Equal(RelayFrameReadResult.Frame, RelayFrameCodec.TryRead(wire.AsMemory(0, size), out var frame, out _));
                Assert.True(receiver.TryConsume(frame.Payload.Length, out _), "the sender went past its credit");

                // The receiver's socket took the bytes: it may grant them again.
                receiver.Released(frame.Payload.Length);
                delivered += frame.Payload.Length;
            }

            Assert.True(sent - delivered <= Window);
            if (receiver.TryTakeAdjustment(out var grant))
            {
                var size = RelayFrameCodec.WriteCredit(wire, 3, grant);
                Assert.Equal(RelayFrameReadResult.Frame, RelayFrameCodec.TryRead(wire.AsMemory(0, size), out var credit, out _));
                Assert.True(sender.TryAdjust(RelayFrameCodec.ReadCredit(credit), out _));
            }
        }

        Assert.Equal(Total, delivered);
    }

    [Fact]
    public void Receive_DataBeyondTheGrant_IsRefusedSoTheLinkCanCloseTheStream()
    {
        var receiver = new ChannelReceiveWindow(Window, Packet, excessTolerance: 0);

        for (var i = 0; i < Window / Packet; i++)
        {
            Assert.True(receiver.TryConsume((int)Packet, out _));
        }

        Assert.False(receiver.TryConsume(1, out _));
    }

    [Fact]
    public void Credit_ThatWouldOverflowTheWindow_IsRefused()
    {
        var sender = new ChannelSendWindow(Window, Packet);

        Assert.False(sender.TryAdjust(uint.MaxValue, out _));
    }
}
