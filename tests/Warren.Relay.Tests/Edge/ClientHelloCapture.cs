using System.Net.Security;

namespace Warren.Relay.Tests.Edge;

/// <summary>Makes a real ClientHello: .NET's TLS client writes it into a stream that records it and then fails the handshake.</summary>
internal static class ClientHelloCapture
{
    public static async Task<byte[]> CaptureAsync(string targetHost)
    {
        var recorder = new RecordingStream();
        await using var tls = new SslStream(recorder);
        var options = new SslClientAuthenticationOptions { TargetHost = targetHost };
        await Assert.ThrowsAnyAsync<Exception>(() => tls.AuthenticateAsClientAsync(options).WaitAsync(TimeSpan.FromSeconds(10)));
        return recorder.Written.ToArray();
    }

    private sealed class RecordingStream : Stream
    {
        public MemoryStream Written { get; } = new();

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new IOException("the test ends the handshake here");

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => Written.Write(buffer, offset, count);
    }
}
