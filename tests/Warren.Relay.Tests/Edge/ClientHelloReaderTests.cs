using System.Text;
using Warren.Relay.Edge;

namespace Warren.Relay.Tests.Edge;

public sealed class ClientHelloReaderTests
{
    [Fact]
    public async Task TryReadServerName_RealClientHello_ReturnsTheName()
    {
        var hello = await ClientHelloCapture.CaptureAsync("MyApp.example.com");

        var status = ClientHelloReader.TryReadServerName(hello, out var name);

        Assert.Equal(ClientHelloStatus.ServerName, status);
        Assert.Equal("myapp.example.com", name);
    }

    [Fact]
    public async Task TryReadServerName_EveryTruncation_NeedsMoreData()
    {
        var hello = await ClientHelloCapture.CaptureAsync("web.localhost");
        var record = 5 + ((hello[3] << 8) | hello[4]);

        for (var length = 0; length < record; length++)
        {
            var status = ClientHelloReader.TryReadServerName(hello.AsSpan(0, length), out var name);
            Assert.Equal(ClientHelloStatus.NeedMoreData, status);
            Assert.Empty(name);
        }
    }

    [Fact]
    public async Task TryReadServerName_NoServerName_SaysSo()
    {
        // A TLS client sends no SNI for an IP address (RFC 6066 §3).
        var hello = await ClientHelloCapture.CaptureAsync("127.0.0.1");

        Assert.Equal(ClientHelloStatus.NoServerName, ClientHelloReader.TryReadServerName(hello, out _));
    }

    [Fact]
    public async Task TryReadServerName_EveryByteCorrupted_NeverThrows()
    {
        var hello = await ClientHelloCapture.CaptureAsync("web.localhost");
        var copy = new byte[hello.Length];
        foreach (var value in new byte[] { 0x00, 0xFF, 0x7F })
        {
            for (var i = 0; i < hello.Length; i++)
            {
                hello.CopyTo(copy, 0);
                copy[i] = value;
                var status = ClientHelloReader.TryReadServerName(copy, out var name);
                Assert.True(status != ClientHelloStatus.ServerName || name.Length > 0);
            }
        }
    }

    [Fact]
    public void TryReadServerName_RandomGarbage_NeverThrows()
    {
        var random = new Random(5);
        var buffer = new byte[600];
        for (var round = 0; round < 5000; round++)
        {
            random.NextBytes(buffer);

            // Half the rounds look like a handshake record, so the parser gets past the header.
            if (round % 2 == 0)
            {
                buffer[0] = 22;
                buffer[1] = 3;
                buffer[5] = 1;
            }

            var length = random.Next(buffer.Length);
            _ = ClientHelloReader.TryReadServerName(buffer.AsSpan(0, length), out _);
        }
    }

    [Theory]
    [InlineData("GET / HTTP/1.1\r\nHost: a\r\n\r\n")]
    [InlineData("SSH-2.0-OpenSSH_9.2\r\n")]
    public void TryReadServerName_NotTls_Invalid(string text)
    {
        Assert.Equal(ClientHelloStatus.Invalid, ClientHelloReader.TryReadServerName(Encoding.ASCII.GetBytes(text), out _));
    }

    [Fact]
    public void TryReadServerName_RecordLongerThanTls_Invalid()
    {
        byte[] header = [22, 3, 1, 0xFF, 0xFF];

        Assert.Equal(ClientHelloStatus.Invalid, ClientHelloReader.TryReadServerName(header, out _));
    }
}
