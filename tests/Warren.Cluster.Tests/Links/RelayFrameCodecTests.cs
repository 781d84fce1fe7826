using System.Buffers.Binary;
using Warren.Relay.Cluster.Links;

namespace Warren.Cluster.Tests.Links;

public sealed class RelayFrameCodecTests
{
    [Fact]
    public void TryRead_WholeDataFrame_ReturnsStreamAndPayload()
    {
        var wire = Frame(RelayFrameType.Data, 7, [1, 2, 3]);

        var result = RelayFrameCodec.TryRead(wire, out var frame, out var problem);

        Assert.Equal(RelayFrameReadResult.Frame, result);
        Assert.Null(problem);
        Assert.Equal(RelayFrameType.Data, frame.Type);
        Assert.Equal(7u, frame.StreamId);
        Assert.Equal(new byte[] { 1, 2, 3 }, frame.Payload.ToArray());
        Assert.Equal(wire.Length, frame.Size);
    }

    [Fact]
    public void TryRead_EveryTruncatedPrefix_NeedsMore()
    {
        var wire = Frame(RelayFrameType.Data, 1, new byte[100]);

        for (var length = 0; length < wire.Length; length++)
        {
            Assert.Equal(RelayFrameReadResult.NeedMore, RelayFrameCodec.TryRead(wire.AsMemory(0, length), out _, out _));
        }
    }

    [Fact]
    public void TryRead_TwoFramesBackToBack_ReadsTheFirstThenTheSecond()
    {
        var first = Frame(RelayFrameType.Data, 1, [9]);
        var second = Credit(1, 4096);
        var wire = first.Concat(second).ToArray();

        Assert.Equal(RelayFrameReadResult.Frame, RelayFrameCodec.TryRead(wire, out var a, out _));
        Assert.Equal(RelayFrameReadResult.Frame, RelayFrameCodec.TryRead(wire.AsMemory(a.Size), out var b, out _));

        Assert.Equal(RelayFrameType.Data, a.Type);
        Assert.Equal(4096u, RelayFrameCodec.ReadCredit(b));
    }

    [Fact]
    public void TryRead_LengthOverTheLimit_MalformedBeforeThePayloadArrives()
    {
        var header = new byte[RelayFrame.HeaderSize];
        header[0] = (byte)RelayFrameType.Data;
        BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(1), 1);
        BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(5), uint.MaxValue);

        var result = RelayFrameCodec.TryRead(header, out _, out var problem);

        Assert.Equal(RelayFrameReadResult.Malformed, result);
        Assert.Contains("over the limit", problem, StringComparison.Ordinal);
    }

    public static TheoryData<string, byte[]> BadShapes => new()
    {
        { "unknown type", Frame((RelayFrameType)99, 1, []) },
        { "data on stream 0", Frame(RelayFrameType.Data, 0, [1]) },
        { "empty data", Frame(RelayFrameType.Data, 1, []) },
        { "short credit", Frame(RelayFrameType.Credit, 1, [0, 1]) },
        { "eof with bytes", Frame(RelayFrameType.Eof, 1, [1]) },
        { "close on stream 0", Frame(RelayFrameType.Close, 0, []) },
        { "short challenge", Frame(RelayFrameType.Challenge, 0, new byte[16]) },
        { "challenge on a stream", Frame(RelayFrameType.Challenge, 3, new byte[RelayFrameCodec.NonceSize]) },
        { "short response", Frame(RelayFrameType.Response, 0, new byte[RelayFrameCodec.NonceSize]) },
        { "opened on stream 0", Frame(RelayFrameType.Opened, 0, []) },
        { "opened with bytes", Frame(RelayFrameType.Opened, 2, [1]) },
    };

    [Theory]
    [MemberData(nameof(BadShapes))]
    public void TryRead_BadShape_MalformedWithAReason(string shape, byte[] wire)
    {
        var result = RelayFrameCodec.TryRead(wire, out _, out var problem);

        Assert.True(result == RelayFrameReadResult.Malformed, shape);
        Assert.False(string.IsNullOrEmpty(problem));
    }

    [Fact]
    public void TryRead_RandomGarbage_NeverThrowsAndNeverOverreads()
    {
        var random = new Random(6);
        for (var i = 0; i < 20_000; i++)
        {
            var garbage = new byte[random.Next(0, 64)];
            random.NextBytes(garbage);
            if (i % 2 == 0 && garbage.Length > 0)
            {
                // Half of them start with a known type, so the length and shape checks are reached too.
                garbage[0] = (byte)random.Next(1, 16);
            }

            var result = RelayFrameCodec.TryRead(garbage, out var frame, out _);

            if (result == RelayFrameReadResult.Frame)
            {
                Assert.True(frame.Size <= garbage.Length);
            }
        }
    }

    [Fact]
    public void Write_ThenRead_RoundTripsEveryType()
    {
        var buffer = new byte[RelayFrame.HeaderSize + (2 * RelayFrameCodec.NonceSize)];
        (RelayFrameType Type, uint Stream, byte[] Payload)[] frames =
        [
            (RelayFrameType.Challenge, 0, new byte[RelayFrameCodec.NonceSize]),
            (RelayFrameType.Response, 0, new byte[2 * RelayFrameCodec.NonceSize]),
            (RelayFrameType.Accept, 0, new byte[RelayFrameCodec.NonceSize]),
            (RelayFrameType.Data, 5, [42]),
            (RelayFrameType.Eof, 5, []),
            (RelayFrameType.Close, 5, []),
            (RelayFrameType.Opened, 5, []),
        ];

        foreach (var (type, stream, payload) in frames)
        {
            var written = RelayFrameCodec.Write(buffer, type, stream, payload);
            Assert.Equal(RelayFrameReadResult.Frame, RelayFrameCodec.TryRead(buffer.AsMemory(0, written), out var frame, out _));
            Assert.Equal((type, stream), (frame.Type, frame.StreamId));
            Assert.Equal(payload, frame.Payload.ToArray());
        }
    }

    internal static byte[] Frame(RelayFrameType type, uint stream, byte[] payload)
    {
        var wire = new byte[RelayFrame.HeaderSize + payload.Length];
        wire[0] = (byte)type;
        BinaryPrimitives.WriteUInt32BigEndian(wire.AsSpan(1), stream);
        BinaryPrimitives.WriteUInt32BigEndian(wire.AsSpan(5), (uint)payload.Length);
        payload.CopyTo(wire, RelayFrame.HeaderSize);
        return wire;
    }

    private static byte[] Credit(uint stream, uint bytes)
    {
        var wire = new byte[RelayFrame.HeaderSize + RelayFrameCodec.CreditSize];
        RelayFrameCodec.WriteCredit(wire, stream, bytes);
        return wire;
    }
}
