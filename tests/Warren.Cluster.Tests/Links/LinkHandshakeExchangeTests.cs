using System.IO.Pipelines;
using Warren.Relay.Cluster.Links;

namespace Warren.Cluster.Tests.Links;

/// <summary>
/// The link handshake run over a real byte stream (an in-memory duplex pipe pair): both sides
/// agree on the link id with the same secret, and a wrong secret fails on the side that checks.
/// </summary>
public sealed class LinkHandshakeExchangeTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Handshake_SameSecret_BothSidesUpWithOneLinkId()
    {
        var secret = "the same cluster secret, 32 bytes"u8.ToArray();
        var (dialerStream, listenerStream) = DuplexPair();

        var listening = LinkHandshakeExchange.AcceptAsync(listenerStream, secret, CancellationToken.None);
        var dialing = DialAfterAcceptAsync(dialerStream, listenerStream, secret, listening);

        var listener = await listening.WaitAsync(Timeout);
        var dialer = await dialing.WaitAsync(Timeout);

        Assert.NotNull(listener.LinkId);
        Assert.Equal(listener.LinkId, dialer.LinkId);
        Assert.Null(dialer.Problem);
    }

    [Fact]
    public async Task Handshake_WrongSecret_TheListenerRefusesTheDialer()
    {
        var (dialerStream, listenerStream) = DuplexPair();

        var listening = LinkHandshakeExchange.AcceptAsync(listenerStream, "the listener's own secret bytes"u8.ToArray(), CancellationToken.None);
        var dialing = LinkHandshakeExchange.DialAsync(dialerStream, "a stranger's different secret!!"u8.ToArray(), CancellationToken.None);

        var listener = await listening.WaitAsync(Timeout);

        Assert.Null(listener.LinkId);
        Assert.Contains("cluster secret", listener.Problem, StringComparison.Ordinal);

        // The listener sends no Accept; closing the link ends the dialer's wait with a refusal too.
        listenerStream.Dispose();
        var dialer = await dialing.WaitAsync(Timeout);
        Assert.Null(dialer.LinkId);
    }

    /// <summary>The listener sends its proof once it has registered the link; here as soon as it is up.</summary>
    private static async Task<LinkHandshakeResult> DialAfterAcceptAsync(Stream dialer, Stream listener, byte[] secret, Task<LinkHandshakeResult> accepting)
    {
        var dialing = LinkHandshakeExchange.DialAsync(dialer, secret, CancellationToken.None);
        var accepted = await accepting;
        var frame = new byte[RelayFrame.HeaderSize + accepted.ListenerProof!.Length];
        RelayFrameCodec.Write(frame, RelayFrameType.Accept, 0, accepted.ListenerProof);
        await listener.WriteAsync(frame);
        return await dialing;
    }

    private static (Stream A, Stream B) DuplexPair()
    {
        var aToB = new Pipe();
        var bToA = new Pipe();
        return (new DuplexStream(bToA.Reader.AsStream(), aToB.Writer.AsStream()), new DuplexStream(aToB.Reader.AsStream(), bToA.Writer.AsStream()));
    }

    /// <summary>Reads from one pipe, writes to the other: one end of an in-memory connection.</summary>
    private sealed class DuplexStream(Stream input, Stream output) : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Flush() => output.Flush();

        public override int Read(byte[] buffer, int offset, int count) => input.Read(buffer, offset, count);

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => input.ReadAsync(buffer, cancellationToken);

        public override void Write(byte[] buffer, int offset, int count) => output.Write(buffer, offset, count);

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            await output.WriteAsync(buffer, cancellationToken);
            await output.FlushAsync(cancellationToken);
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                output.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
