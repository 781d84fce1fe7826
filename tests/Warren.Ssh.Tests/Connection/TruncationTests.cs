using Warren.Ssh.Connection;

namespace Warren.Ssh.Tests.Connection;

/// <summary>
/// Every message cut short at every length is refused without an exception, and so is every message
/// with a stray byte after it (OpenSSH refuses trailing data too).
/// </summary>
public sealed class TruncationTests
{
    public delegate bool Parse(ReadOnlySpan<byte> payload);

    private static readonly Dictionary<string, (byte[] Bytes, Parse Parse)> Messages = Build();

    public static TheoryData<string> Names()
    {
        var data = new TheoryData<string>();
        foreach (var name in Messages.Keys)
        {
            data.Add(name);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Message_Complete_Parses(string name)
    {
        var (bytes, parse) = Messages[name];
        Assert.True(parse(bytes));
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Message_TruncatedAtEveryLength_IsRefusedWithoutThrowing(string name)
    {
        var (bytes, parse) = Messages[name];
        for (var length = 0; length < bytes.Length; length++)
        {
            Assert.False(parse(bytes.AsSpan(0, length)), $"{name} cut to {length} of {bytes.Length} bytes parsed");
        }
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Message_WithTrailingByte_IsRefused(string name)
    {
        var (bytes, parse) = Messages[name];
        var longer = new byte[bytes.Length + 1];
        bytes.CopyTo(longer, 0);
        Assert.False(parse(longer));
    }

    [Fact]
    public void RequestSuccess_PortCutShort_IsRefused()
    {
        // A bare REQUEST_SUCCESS (1 byte) is valid on its own, so only lengths 2 to 4 are truncations.
        var bytes = Hex.Write(5, new RequestSuccess(8080).WriteTo);
        for (var length = 2; length < bytes.Length; length++)
        {
            Assert.False(RequestSuccess.TryRead(bytes.AsSpan(0, length), out _));
        }
    }

    private static Dictionary<string, (byte[], Parse)> Build()
    {
        var m = new Dictionary<string, (byte[], Parse)>(StringComparer.Ordinal);
        var forward = new TcpipForwardRequest("localhost", 8080);
        m["tcpip-forward"] = (Hex.Write(forward.GetSize(false), d => forward.WriteTo(d, false, true)),
            p => GlobalRequest.TryRead(p, out _, out var data) && TcpipForwardRequest.TryReadData(data, out _));
        var direct = new DirectTcpip("myapp", 5432, "10.0.0.1", 5555);
        m["direct-tcpip"] = (Hex.Write(direct.GetOpenSize(), d => direct.WriteOpenTo(d, 1, 2, 3)),
            p => ChannelOpen.TryRead(p, out _, out var data) && DirectTcpip.TryReadData(data, out _));
        var forwarded = new ForwardedTcpip("", 80, "192.0.2.1", 1234);
        m["forwarded-tcpip"] = (Hex.Write(forwarded.GetOpenSize(), d => forwarded.WriteOpenTo(d, 1, 2, 3)),
            p => ChannelOpen.TryRead(p, out _, out var data) && ForwardedTcpip.TryReadData(data, out _));
        var streamLocal = new DirectStreamLocal("/s");
        m["direct-streamlocal"] = (Hex.Write(streamLocal.GetOpenSize(), d => streamLocal.WriteOpenTo(d, 1, 2, 3)),
            p => ChannelOpen.TryRead(p, out _, out var data) && DirectStreamLocal.TryReadData(data, out _));
        var streamForward = new StreamLocalForwardRequest("/run/app.sock");
        m["streamlocal-forward"] = (Hex.Write(streamForward.GetSize(false), d => streamForward.WriteTo(d, false, true)),
            p => GlobalRequest.TryRead(p, out _, out var data) && StreamLocalForwardRequest.TryReadData(data, out _));
        var forwardedStream = new ForwardedStreamLocal("/run/app.sock");
        m["forwarded-streamlocal"] = (Hex.Write(forwardedStream.GetOpenSize(), d => forwardedStream.WriteOpenTo(d, 1, 2, 3)),
            p => ChannelOpen.TryRead(p, out _, out var data) && ForwardedStreamLocal.TryReadData(data, out _));
        var session = new ChannelOpen(ChannelTypes.Session, 1, 2, 3);
        m["session"] = (Hex.Write(session.GetSize(0), d => session.WriteTo(d, default)),
            p => ChannelOpen.TryRead(p, out var open, out var data) && open.ChannelType == ChannelTypes.Session && data.IsEmpty);
        m["open-confirmation"] = (Hex.Write(ChannelOpenConfirmation.Size, new ChannelOpenConfirmation(1, 2, 3, 4).WriteTo),
            p => ChannelOpenConfirmation.TryRead(p, out _));
        var failure = new ChannelOpenFailure(1, ChannelOpenFailureReason.ResourceShortage, "busy", "en");
        m["open-failure"] = (Hex.Write(failure.GetSize(), failure.WriteTo), p => ChannelOpenFailure.TryRead(p, out _));
        m["window-adjust"] = (Hex.Write(ChannelWindowAdjust.Size, new ChannelWindowAdjust(1, 2).WriteTo), p => ChannelWindowAdjust.TryRead(p, out _));
        m["data"] = (Hex.Write(ChannelData.HeaderSize + 3, d => ChannelData.WriteTo(d, 1, "abc"u8)), p => ChannelData.TryRead(p, out _, out _, out _));
        m["extended-data"] = (Hex.Write(ChannelExtendedData.HeaderSize + 3, d => ChannelExtendedData.WriteTo(d, 1, ChannelExtendedData.Stderr, "abc"u8)),
            p => ChannelExtendedData.TryRead(p, out _, out _, out _, out _));
        m["eof"] = (Hex.Write(ChannelEof.Size, new ChannelEof(1).WriteTo), p => ChannelEof.TryRead(p, out _));
        m["close"] = (Hex.Write(ChannelClose.Size, new ChannelClose(1).WriteTo), p => ChannelClose.TryRead(p, out _));
        m["success"] = (Hex.Write(ChannelSuccess.Size, new ChannelSuccess(1).WriteTo), p => ChannelSuccess.TryRead(p, out _));
        m["failure"] = (Hex.Write(ChannelFailure.Size, new ChannelFailure(1).WriteTo), p => ChannelFailure.TryRead(p, out _));
        m["request-failure"] = (Hex.Write(RequestFailure.Size, RequestFailure.WriteTo), p => RequestFailure.TryRead(p));
        var pty = new PtyRequest("xterm", 80, 24, 640, 480, new byte[] { 1, 0, 0, 0, 3, 0 });
        m["pty-req"] = (Hex.Write(pty.GetSize(), d => pty.WriteTo(d, 1, true)),
            p => ChannelRequest.TryRead(p, out _, out var data) && PtyRequest.TryReadData(data, out _));
        var exec = new ExecRequest("tunnels");
        m["exec"] = (Hex.Write(exec.GetSize(), d => exec.WriteTo(d, 1, true)),
            p => ChannelRequest.TryRead(p, out _, out var data) && ExecRequest.TryReadData(data, out _));
        var env = new EnvRequest("LANG", "C");
        m["env"] = (Hex.Write(env.GetSize(), d => env.WriteTo(d, 1, false)),
            p => ChannelRequest.TryRead(p, out _, out var data) && EnvRequest.TryReadData(data, out _));
        var subsystem = new SubsystemRequest("sftp");
        m["subsystem"] = (Hex.Write(subsystem.GetSize(), d => subsystem.WriteTo(d, 1, true)),
            p => ChannelRequest.TryRead(p, out _, out var data) && SubsystemRequest.TryReadData(data, out _));
        var windowChange = new WindowChangeRequest(1, 2, 3, 4);
        m["window-change"] = (Hex.Write(WindowChangeRequest.GetSize(), d => windowChange.WriteTo(d, 1)),
            p => ChannelRequest.TryRead(p, out _, out var data) && WindowChangeRequest.TryReadData(data, out _));
        m["exit-status"] = (Hex.Write(ExitStatus.GetSize(), d => new ExitStatus(1).WriteTo(d, 1)),
            p => ChannelRequest.TryRead(p, out _, out var data) && ExitStatus.TryReadData(data, out _));
        var shell = new ChannelRequest(1, ChannelRequestTypes.Shell, true);
        m["shell"] = (Hex.Write(shell.GetSize(0), d => shell.WriteTo(d, default)),
            p => ChannelRequest.TryRead(p, out var r, out var data) && r.RequestType == ChannelRequestTypes.Shell && data.IsEmpty);
        var keepalive = new GlobalRequest(GlobalRequestNames.KeepAlive, true);
        m["global-keepalive"] = (Hex.Write(keepalive.GetSize(0), d => keepalive.WriteTo(d, default)),
            p => GlobalRequest.TryRead(p, out var r, out var data) && r.RequestName == GlobalRequestNames.KeepAlive && data.IsEmpty);
        return m;
    }
}
