using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Warren.Ssh.Connection;

namespace Warren.Ssh.Tests.Connection;

/// <summary>GLOBAL_REQUEST, tcpip-forward and the replies (RFC 4254 §4, §7.1).</summary>
public sealed class GlobalRequestTests
{
    [Fact]
    public void TcpipForward_NamedTunnel_MatchesHandWrittenBytes()
    {
        // ssh -R myapp:80:localhost:3000: byte 80, string "tcpip-forward", bool 1, string "myapp", uint32 80.
        var expected = Hex.Parse(
            "50 | 0000000d 74637069702d666f7277617264 | 01 | 00000005 6d79617070 | 00000050");
        var request = new TcpipForwardRequest("myapp", 80);

        var bytes = Hex.Write(request.GetSize(cancel: false), d => request.WriteTo(d, cancel: false, wantReply: true));

        Assert.Equal(expected, bytes);
        Assert.True(GlobalRequest.TryRead(expected, out var header, out var data));
        Assert.Equal(new GlobalRequest(GlobalRequestNames.TcpipForward, true), header);
        Assert.True(TcpipForwardRequest.TryReadData(data, out var read));
        Assert.Equal(request, read);
        Assert.True(read.PortIsValid);
    }

    [Theory]
    [InlineData("")]
    [InlineData("localhost")]
    [InlineData("LocalHost")]
    [InlineData("*")]
    [InlineData("0.0.0.0")]
    [InlineData("::")]
    [InlineData("::1")]
    [InlineData("127.0.0.1 ")]
    [InlineData("münchen.example")]
    public void TcpipForward_AnyBindAddress_IsEchoedByteForByte(string address)
    {
        var request = new TcpipForwardRequest(address, 0);
        var sent = Hex.Write(request.GetSize(cancel: false), d => request.WriteTo(d, cancel: false, wantReply: true));
        Assert.True(GlobalRequest.TryRead(sent, out _, out var data));
        Assert.True(TcpipForwardRequest.TryReadData(data, out var read));

        // The forwarded-tcpip open must carry exactly the bytes the client sent (PROTOCOL-NOTES §2.11).
        var open = new ForwardedTcpip(read.AddressToBind, 12345, "198.51.100.1", 40000);
        var openBytes = Hex.Write(open.GetOpenSize(), d => open.WriteOpenTo(d, 1, 2097152, 32768));
        var addressField = 4 + Encoding.UTF8.GetByteCount(address);
        Assert.True(ChannelOpen.TryRead(openBytes, out _, out var openData));
        Assert.Equal(data[..addressField].ToArray(), openData[..addressField].ToArray());
    }

    [Fact]
    public void CancelTcpipForward_WrittenThenRead_RoundTrips()
    {
        var request = new TcpipForwardRequest("", 2222);
        var bytes = Hex.Write(request.GetSize(cancel: true), d => request.WriteTo(d, cancel: true, wantReply: false));
        Assert.True(GlobalRequest.TryRead(bytes, out var header, out var data));
        Assert.Equal(GlobalRequestNames.CancelTcpipForward, header.RequestName);
        Assert.False(header.WantReply);
        Assert.True(TcpipForwardRequest.TryReadData(data, out var read));
        Assert.Equal(request, read);
    }

    [Theory]
    [InlineData(65535u, true)]
    [InlineData(65536u, false)]
    [InlineData(0x7FFFFFFFu, false)]
    [InlineData(0xFFFFFFFFu, false)]
    public void TcpipForward_PortAbove65535_ReadsButIsFlagged(uint port, bool valid)
    {
        var request = new TcpipForwardRequest("0.0.0.0", port);
        var bytes = Hex.Write(request.GetSize(false), d => request.WriteTo(d, false, true));
        Assert.True(GlobalRequest.TryRead(bytes, out _, out var data));
        Assert.True(TcpipForwardRequest.TryReadData(data, out var read));
        Assert.Equal(port, read.PortToBind);
        Assert.Equal(valid, read.PortIsValid);
    }

    [Fact]
    public void TcpipForward_AddressWithNulOrBadUtf8_IsMalformed()
    {
        Assert.False(TcpipForwardRequest.TryReadData(Hex.Parse("00000003 61 00 62 | 00000050"), out _));
        Assert.False(TcpipForwardRequest.TryReadData(Hex.Parse("00000002 c3 28 | 00000050"), out _));
        Assert.False(TcpipForwardRequest.TryReadData(Hex.Parse("00000001 61 | 00000050 | 00"), out _));
    }

    [Fact]
    public void GlobalRequest_KeepAliveWithoutData_RoundTrips()
    {
        var request = new GlobalRequest(GlobalRequestNames.KeepAlive, true);
        var bytes = Hex.Write(request.GetSize(0), d => request.WriteTo(d, default));
        Assert.True(GlobalRequest.TryRead(bytes, out var read, out var data));
        Assert.Equal(request, read);
        Assert.True(data.IsEmpty);
    }

    [Property(MaxTest = 300)]
    public Property GlobalRequest_AnyNameAndData_RoundTrips()
    {
        var gen =
            from name in Gen.Elements("tcpip-forward", "keepalive@openssh.com", "x", "hostkeys-00@openssh.com", string.Empty)
            from wantReply in ArbMap.Default.GeneratorFor<bool>()
            from data in ArbMap.Default.GeneratorFor<byte[]>()
            select (name, wantReply, data);
        return Prop.ForAll(gen.ToArbitrary(), t =>
        {
            var request = new GlobalRequest(t.name, t.wantReply);
            var bytes = Hex.Write(request.GetSize(t.data.Length), d => request.WriteTo(d, t.data));
            return GlobalRequest.TryRead(bytes, out var read, out var data) && read == request && data.SequenceEqual(t.data);
        });
    }

    [Property(MaxTest = 300)]
    public bool TcpipForward_AnyAddressAndPort_RoundTrips(NonNull<string> address, uint port, bool cancel)
    {
        var text = address.Get.Replace("\0", string.Empty, StringComparison.Ordinal);
        if (!System.Text.Unicode.Utf8.IsValid(Encoding.UTF8.GetBytes(text)) || Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(text)) != text)
        {
            return true; // lone surrogates have no UTF-8 form; nothing to round-trip
        }

        var request = new TcpipForwardRequest(text, port);
        var bytes = Hex.Write(request.GetSize(cancel), d => request.WriteTo(d, cancel, true));
        return GlobalRequest.TryRead(bytes, out _, out var data)
            && TcpipForwardRequest.TryReadData(data, out var read)
            && read == request;
    }

    [Theory]
    [InlineData(null)]
    [InlineData(0u)]
    [InlineData(43210u)]
    public void RequestSuccess_WithOrWithoutPort_RoundTrips(uint? port)
    {
        var message = new RequestSuccess(port);
        var bytes = Hex.Write(message.GetSize(), message.WriteTo);
        Assert.True(RequestSuccess.TryRead(bytes, out var read));
        Assert.Equal(message, read);
    }

    [Fact]
    public void RequestSuccess_BoundPort_MatchesHandWrittenBytes()
    {
        Assert.Equal(Hex.Parse("51 | 0000a8ca"), Hex.Write(5, new RequestSuccess(43210).WriteTo));
        Assert.Equal(Hex.Parse("51"), Hex.Write(1, new RequestSuccess(null).WriteTo));
    }

    [Theory]
    [InlineData("51 00")]
    [InlineData("51 0000")]
    [InlineData("51 000000")]
    [InlineData("51 0000000000")]
    [InlineData("52")]
    [InlineData("")]
    public void RequestSuccess_OddDataOrWrongNumber_IsMalformed(string hex) =>
        Assert.False(RequestSuccess.TryRead(Hex.Parse(hex), out _));

    [Fact]
    public void RequestFailure_WrittenThenRead_RoundTrips()
    {
        var bytes = Hex.Write(RequestFailure.Size, RequestFailure.WriteTo);
        Assert.Equal(Hex.Parse("52"), bytes);
        Assert.True(RequestFailure.TryRead(bytes));
        Assert.False(RequestFailure.TryRead(Hex.Parse("52 00")));
        Assert.False(RequestFailure.TryRead(default));
    }
}
