namespace Warren.Ssh.Tests.Transport;

/// <summary>A stream that, once armed, flips one bit of the next write: an attacker on the wire.</summary>
internal sealed class TamperingStream(Stream inner) : Stream
{
    private int _armedOffset = -1;

    public void FlipBitInNextWrite(int offset) => _armedOffset = offset;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => inner.ReadAsync(buffer, cancellationToken);

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var offset = Interlocked.Exchange(ref _armedOffset, -1);
        if (offset < 0)
        {
            return inner.WriteAsync(buffer, cancellationToken);
        }

        var copy = buffer.ToArray();
        copy[offset] ^= 0x01;
        return inner.WriteAsync(copy, cancellationToken);
    }

    public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);

    public override void Write(byte[] buffer, int offset, int count) => WriteAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override void Flush() => inner.Flush();

    public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
