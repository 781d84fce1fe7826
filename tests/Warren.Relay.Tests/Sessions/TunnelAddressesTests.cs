using Warren.Relay.Sessions;
using static Warren.Relay.Tests.Sessions.SessionFixtures;

namespace Warren.Relay.Tests.Sessions;

public sealed class TunnelAddressesTests
{
    private static TunnelInfo Tunnel(string name, TunnelKind kind, int port) => new(name, kind, port, "s1", Now);

    [Fact]
    public void For_HttpOnPort80_OmitsThePort()
    {
        var relay = Endpoints with { HttpPort = 80 };

        Assert.Equal([new TunnelAddress("http", "http://myapp.example.com/")], TunnelAddresses.For(MyApp, relay));
    }

    [Fact]
    public void For_HttpOnOtherPort_ShowsThePort()
    {
        Assert.Equal("http://myapp.example.com:8080/", TunnelAddresses.Primary(MyApp, Endpoints));
    }

    [Fact]
    public void For_HttpListenerOff_NoAddressAndPrimarySaysWhy()
    {
        var relay = Endpoints with { HttpPort = null };

        Assert.Empty(TunnelAddresses.For(MyApp, relay));
        Assert.Equal("(none: the http listener is off on this relay)", TunnelAddresses.Primary(MyApp, relay));
    }

    [Fact]
    public void For_Tls_NameAndTlsPort()
    {
        Assert.Equal([new TunnelAddress("tls", "secure.example.com:8443")], TunnelAddresses.For(Secure, Endpoints));
    }

    [Fact]
    public void For_AliasOnSsh22_NoPortFlag()
    {
        var relay = Endpoints with { SshPort = 22 };

        Assert.Equal(
            [new TunnelAddress("ssh-L", "ssh -L 5432:mydb:5432 example.com"), new TunnelAddress("ssh-W", "ssh -W mydb:5432 example.com")],
            TunnelAddresses.For(MyDb, relay));
    }

    [Fact]
    public void For_AliasOfPort22_AddsJumpHostAndUnprivilegedLocalPort()
    {
        var addresses = TunnelAddresses.For(Tunnel("laptop", TunnelKind.Alias, 22), Endpoints);

        Assert.Equal(
            [
                new TunnelAddress("ssh-L", "ssh -p 2222 -L 10022:laptop:22 example.com"),
                new TunnelAddress("ssh-W", "ssh -p 2222 -W laptop:22 example.com"),
                new TunnelAddress("ssh-J", "ssh -J example.com:2222 laptop"),
            ],
            addresses);
    }

    [Fact]
    public void For_Port_RelayHostAndPort()
    {
        Assert.Equal([new TunnelAddress("tcp", "example.com:41234")], TunnelAddresses.For(Tunnel("p41234", TunnelKind.Port, 41234), Endpoints));
    }

    [Fact]
    public void For_PortOnV6Relay_BracketsTheHost()
    {
        var relay = Endpoints with { SshHost = "2001:db8::1" };

        Assert.Equal("[2001:db8::1]:41234", TunnelAddresses.Primary(Tunnel("p", TunnelKind.Port, 41234), relay));
    }
}
