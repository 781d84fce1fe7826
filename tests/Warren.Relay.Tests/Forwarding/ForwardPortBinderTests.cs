using System.Net;
using System.Net.Sockets;
using Warren.Relay.Forwarding;

namespace Warren.Relay.Tests.Forwarding;

/// <summary>Relay ports for ssh -R: the range, allocation of port 0, and refusals with reasons.</summary>
public sealed class ForwardPortBinderTests
{
    [Theory]
    [InlineData("20000-29999", 20000, 29999)]
    [InlineData(" 4000 ", 4000, 4000)]
    [InlineData("1-65535", 1, 65535)]
    public void PortRange_ValidText_Parses(string text, int low, int high)
    {
        Assert.True(PortRange.TryParse(text, out var range, out _));
        Assert.Equal(new PortRange(low, high), range);
    }

    [Theory]
    [InlineData("")]
    [InlineData("0-10")]
    [InlineData("10-5")]
    [InlineData("1-65536")]
    [InlineData("-5")]
    [InlineData("a-b")]
    public void PortRange_InvalidText_IsRefusedWithAnExample(string text)
    {
        Assert.False(PortRange.TryParse(text, out _, out var error));
        Assert.Contains("20000-29999", error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryBind_PortZero_AllocatesOneInTheRange()
    {
        var range = FreeRange();

        Assert.True(ForwardPortBinder.TryBind(range, IPAddress.Loopback, 0, out var socket, out var port, out _));

        using (socket)
        {
            Assert.True(range.Contains(port));
            Assert.Equal(port, ((IPEndPoint)socket.LocalEndPoint!).Port);
        }
    }

    [Fact]
    public void TryBind_PortOutsideTheRange_IsRefusedWithTheRange()
    {
        Assert.False(ForwardPortBinder.TryBind(new PortRange(20000, 20010), IPAddress.Loopback, 80, out _, out _, out var error));

        Assert.Contains("port 80 is outside this relay's forward ports 20000-20010", error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryBind_PortInUse_IsRefused_AndPortZeroFindsAnother()
    {
        var range = FreeRange();
        using var holder = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        holder.Bind(new IPEndPoint(IPAddress.Loopback, range.Low));
        holder.Listen();

        Assert.False(ForwardPortBinder.TryBind(range, IPAddress.Loopback, (uint)range.Low, out _, out _, out var error));
        Assert.Contains("is in use on the relay", error, StringComparison.Ordinal);
        Assert.True(ForwardPortBinder.TryBind(range, IPAddress.Loopback, 0, out var other, out var port, out _));
        using (other)
        {
            Assert.NotEqual(range.Low, port);
        }
    }

    /// <summary>Two adjacent ports free now (the kernel's pick and the next one, checked).</summary>
    private static PortRange FreeRange()
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            using var first = new TcpListener(IPAddress.Loopback, 0);
            first.Start();
            var low = ((IPEndPoint)first.LocalEndpoint).Port;
            if (low >= 65535)
            {
                continue;
            }

            try
            {
                using var second = new TcpListener(IPAddress.Loopback, low + 1);
                second.Start();
                return new PortRange(low, low + 1);
            }
            catch (SocketException)
            {
            }
        }

        throw new InvalidOperationException("no two adjacent free ports");
    }
}
