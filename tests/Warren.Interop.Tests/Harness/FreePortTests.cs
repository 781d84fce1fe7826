using System.Net;
using System.Net.Sockets;
using Warren.Interop.Tests.Infrastructure;

namespace Warren.Interop.Tests.Harness;

public sealed class FreePortTests
{
    [Fact]
    public void Get_Always_ReturnsPortThatCanBeBound()
    {
        var port = FreePort.Get();

        using var listener = new TcpListener(IPAddress.Loopback, port);
        listener.Start();
        Assert.InRange(port, 1, 65535);
    }
}
