using Warren.Ssh.Connection;

namespace Warren.Ssh.Tests.Connection;

/// <summary>Edge cases of channel flow control (RFC 4254 §5.2, CVE-2025-54804).</summary>
public sealed class ChannelWindowTests
{
    [Fact]
    public void ReceiveWindow_DataExactlyTheWindow_IsAccepted()
    {
        var window = new ChannelReceiveWindow(65536, 65536, excessTolerance: 0);
        Assert.True(window.TryConsume(65536, out var reason));
        Assert.Equal(SshDisconnectReason.None, reason);
        Assert.Equal(0, window.Window);
        Assert.Equal(65536, window.Buffered);
    }

    [Fact]
    public void ReceiveWindow_OneByteBeyondStrictWindow_Disconnects()
    {
        var window = new ChannelReceiveWindow(65536, 65536, excessTolerance: 0);
        Assert.True(window.TryConsume(65535, out _));
        Assert.False(window.TryConsume(2, out var reason, out var description));
        Assert.Equal(SshDisconnectReason.ProtocolError, reason);
        Assert.Equal("peer ignored channel window", description);
        Assert.Equal(1, window.Window);
        Assert.True(window.TryConsume(1, out _));
    }

    [Fact]
    public void ReceiveWindow_DefaultTolerance_AllowsOpenSshTenPercent()
    {
        var window = new ChannelReceiveWindow(100_000, 100_000);
        Assert.Equal(10_000u, window.ExcessTolerance);
        Assert.True(window.TryConsume(100_000, out _));
        Assert.True(window.TryConsume(10_000, out _));
        Assert.Equal(-10_000, window.Window);
        Assert.False(window.TryConsume(1, out var reason));
        Assert.Equal(SshDisconnectReason.ProtocolError, reason);
    }

    [Fact]
    public void ReceiveWindow_EmptyPacketAfterExcess_DoesNotForgiveIt()
    {
        var window = new ChannelReceiveWindow(1000, 1000);
        Assert.False(window.TryConsume(1100, out _));
        Assert.True(window.TryConsume(1000, out _));
        Assert.True(window.TryConsume(100, out _));
        Assert.True(window.TryConsume(0, out _));
        Assert.False(window.TryConsume(1, out _));
    }

    [Fact]
    public void ReceiveWindow_DataAtMaximumPacket_IsAcceptedAndOneMoreIsNot()
    {
        var window = new ChannelReceiveWindow(1 << 20, 32768);
        Assert.True(window.TryConsume(32768, out _));
        Assert.False(window.TryConsume(32769, out var reason, out var description));
        Assert.Equal(SshDisconnectReason.ProtocolError, reason);
        Assert.Contains("maximum packet", description, StringComparison.Ordinal);
        Assert.Equal(32768, window.Buffered);
    }

    [Fact]
    public void ReceiveWindow_HalfReleased_GrantsExactlyTheReleasedBytes()
    {
        var window = new ChannelReceiveWindow(1 << 20, 32768);
        Assert.Equal(1u << 19, window.AdjustThreshold);
        for (var i = 0; i < 32; i++)
        {
            Assert.True(window.TryConsume(32768, out _));
        }

        window.Released((1 << 19) - 1);
        Assert.False(window.TryTakeAdjustment(out _));
        window.Released(1);
        Assert.True(window.TryTakeAdjustment(out var grant));
        Assert.Equal(1u << 19, grant);
        Assert.False(window.TryTakeAdjustment(out _));
        Assert.Equal(1 << 20, window.Window + window.Buffered + window.PendingGrant);
    }

    [Fact]
    public void ReceiveWindow_MaximumPacketAboveHalfWindow_LowersThresholdSoPeerIsNotStarved()
    {
        var window = new ChannelReceiveWindow(100_000, 80_000);
        Assert.Equal(20_000u, window.AdjustThreshold);
    }

    [Fact]
    public void ReceiveWindow_ReleasingMoreThanBuffered_Throws()
    {
        var window = new ChannelReceiveWindow(1000, 1000);
        Assert.True(window.TryConsume(10, out _));
        Assert.Throws<InvalidOperationException>(() => window.Released(11));
    }

    [Fact]
    public void SendWindow_AdjustOverflowTwiceMax_IsRefusedAndWindowUnchanged()
    {
        // CVE-2025-54804: adjust by 0xFFFFFFFF twice. The first fits an empty window, the second overflows.
        var window = new ChannelSendWindow(0, 32768);
        Assert.True(window.TryAdjust(0xFFFFFFFF, out var first));
        Assert.Equal(SshDisconnectReason.None, first);
        Assert.False(window.TryAdjust(0xFFFFFFFF, out var second));
        Assert.Equal(SshDisconnectReason.ProtocolError, second);
        Assert.Equal(uint.MaxValue, window.Available);
    }

    [Fact]
    public void SendWindow_AdjustToExactlyMax_IsAcceptedAndOneMoreIsNot()
    {
        var window = new ChannelSendWindow(10, 32768);
        Assert.True(window.TryAdjust(uint.MaxValue - 10, out _));
        Assert.False(window.TryAdjust(1, out _));
    }

    [Fact]
    public void SendWindow_AdjustWhileReserved_CountsReservedBytes()
    {
        var window = new ChannelSendWindow(uint.MaxValue, 32768);
        Assert.True(window.TryReserve(1000, out var granted));
        Assert.False(window.TryAdjust(1, out _));
        window.Commit(granted, 400);
        Assert.True(window.TryAdjust(400, out _));
        Assert.False(window.TryAdjust(1, out _));
    }

    [Theory]
    [InlineData(100_000u, 32768u, 65536, 32768)]
    [InlineData(1000u, 32768u, 65536, 1000)]
    [InlineData(100_000u, 32768u, 500, 500)]
    [InlineData(0u, 32768u, 500, 0)]
    [InlineData(100_000u, 0u, 500, 0)]
    public void SendWindow_Reserve_GrantsMinOfWantedWindowAndMaxPacket(uint initial, uint maxPacket, int wanted, int expected)
    {
        var window = new ChannelSendWindow(initial, maxPacket);
        Assert.Equal(expected > 0, window.TryReserve(wanted, out var granted));
        Assert.Equal(expected, granted);
        Assert.Equal(initial - expected, window.Available);
    }

    [Fact]
    public void SendWindow_CommitFewerThanReserved_ReturnsTheRest()
    {
        var window = new ChannelSendWindow(50_000, 32768);
        Assert.True(window.TryReserve(65536, out var granted));
        window.Commit(granted, 100);
        Assert.Equal(49_900, window.Available);
        Assert.Equal(0, window.Reserved);
        Assert.Equal(100, window.TotalSent);
    }
}
