using System.Net;
using System.Text;
using Warren.Relay.Edge;

namespace Warren.Relay.Tests.Edge;

/// <summary>The PROXY protocol header against the bytes HAProxy's specification gives (sections 2.1 and 2.2).</summary>
public sealed class ProxyProtocolHeaderTests
{
    private static readonly IPEndPoint Visitor4 = new(IPAddress.Parse("192.0.2.10"), 56324);
    private static readonly IPEndPoint Relay4 = new(IPAddress.Parse("198.51.100.1"), 443);

    [Fact]
    public void V1_Ipv4_IsTheSpecTextLine()
    {
        var header = ProxyProtocolHeader.Create(1, Visitor4, Relay4);

        Assert.Equal("PROXY TCP4 192.0.2.10 198.51.100.1 56324 443\r\n", Encoding.ASCII.GetString(header));
    }

    [Fact]
    public void V1_Ipv6_IsTcp6()
    {
        var header = ProxyProtocolHeader.V1(new IPEndPoint(IPAddress.Parse("2001:db8::1"), 1000), new IPEndPoint(IPAddress.Parse("2001:db8::2"), 443));

        Assert.Equal("PROXY TCP6 2001:db8::1 2001:db8::2 1000 443\r\n", Encoding.ASCII.GetString(header));
    }

    [Fact]
    public void V1_MappedAddresses_AreIpv4()
    {
        var header = ProxyProtocolHeader.V1(new IPEndPoint(IPAddress.Parse("::ffff:127.0.0.1"), 5), new IPEndPoint(IPAddress.Parse("::ffff:127.0.0.1"), 6));

        Assert.Equal("PROXY TCP4 127.0.0.1 127.0.0.1 5 6\r\n", Encoding.ASCII.GetString(header));
    }

    [Fact]
    public void V1_UnknownEnd_IsUnknown()
    {
        Assert.Equal("PROXY UNKNOWN\r\n", Encoding.ASCII.GetString(ProxyProtocolHeader.V1(null, Relay4)));
    }

    [Fact]
    public void V2_Ipv4_IsSignatureCommandFamilyLengthAddressesPorts()
    {
        var header = ProxyProtocolHeader.Create(2, Visitor4, Relay4);

        byte[] expected =
        [
            0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A, // signature
            0x21, // version 2, PROXY
            0x11, // AF_INET, STREAM
            0x00, 0x0C, // 12 bytes of addresses
            192, 0, 2, 10, // source
            198, 51, 100, 1, // destination
            0xDC, 0x04, // 56324
            0x01, 0xBB, // 443
        ];
        Assert.Equal(expected, header);
    }

    [Fact]
    public void V2_Ipv6_Has36BytesOfAddresses()
    {
        var header = ProxyProtocolHeader.V2(new IPEndPoint(IPAddress.Parse("2001:db8::1"), 1), new IPEndPoint(IPAddress.Parse("2001:db8::2"), 2));

        Assert.Equal(16 + 36, header.Length);
        Assert.Equal(0x21, header[12]);
        Assert.Equal(0x21, header[13]); // AF_INET6, STREAM
        Assert.Equal([0x00, 0x24], header[14..16]);
        Assert.Equal(IPAddress.Parse("2001:db8::1").GetAddressBytes(), header[16..32]);
        Assert.Equal(IPAddress.Parse("2001:db8::2").GetAddressBytes(), header[32..48]);
        Assert.Equal([0x00, 0x01, 0x00, 0x02], header[48..52]);
    }

    [Fact]
    public void V2_MixedFamilies_AreBothIpv6()
    {
        var header = ProxyProtocolHeader.V2(Visitor4, new IPEndPoint(IPAddress.Parse("2001:db8::2"), 443));

        Assert.Equal(0x21, header[13]);
        Assert.Equal(IPAddress.Parse("::ffff:192.0.2.10").GetAddressBytes(), header[16..32]);
    }

    [Fact]
    public void V2_UnknownEnd_IsLocalWithNoAddresses()
    {
        var header = ProxyProtocolHeader.V2(Visitor4, null);

        Assert.Equal(16, header.Length);
        Assert.Equal(0x20, header[12]);
        Assert.Equal(0x00, header[13]);
        Assert.Equal([0x00, 0x00], header[14..16]);
    }

    [Fact]
    public void Create_UnknownVersion_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ProxyProtocolHeader.Create(3, Visitor4, Relay4));
    }
}
