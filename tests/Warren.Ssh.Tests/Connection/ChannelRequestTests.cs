using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Warren.Ssh.Connection;

namespace Warren.Ssh.Tests.Connection;

/// <summary>CHANNEL_REQUEST and its typed data (RFC 4254 §5.4, §6; OpenSSH PROTOCOL §2.1).</summary>
public sealed class ChannelRequestTests
{
    [Fact]
    public void Exec_Command_MatchesHandWrittenBytes()
    {
        var request = new ExecRequest("ls");
        var bytes = Hex.Write(request.GetSize(), d => request.WriteTo(d, 5, wantReply: true));
        Assert.Equal(Hex.Parse("62 | 00000005 | 00000004 65786563 | 01 | 00000002 6c73"), bytes);
        Assert.True(ChannelRequest.TryRead(bytes, out var header, out var data));
        Assert.Equal(new ChannelRequest(5, ChannelRequestTypes.Exec, true), header);
        Assert.True(ExecRequest.TryReadData(data, out var read));
        Assert.Equal(request, read);
    }

    [Property(MaxTest = 200)]
    public Property PtyReq_AnyFields_RoundTrips()
    {
        var gen =
            from term in Gen.Elements("xterm-256color", "vt100", "")
            from a in ArbMap.Default.GeneratorFor<uint>()
            from b in ArbMap.Default.GeneratorFor<uint>()
            from c in ArbMap.Default.GeneratorFor<uint>()
            from d in ArbMap.Default.GeneratorFor<uint>()
            from modes in ArbMap.Default.GeneratorFor<byte[]>()
            select new PtyRequest(term, a, b, c, d, modes);
        return Prop.ForAll(gen.ToArbitrary(), request =>
        {
            var bytes = Hex.Write(request.GetSize(), dest => request.WriteTo(dest, 9, true));
            return ChannelRequest.TryRead(bytes, out var header, out var data)
                && header == new ChannelRequest(9, ChannelRequestTypes.PtyReq, true)
                && PtyRequest.TryReadData(data, out var read)
                && read with { TerminalModes = default } == request with { TerminalModes = default }
                && read.TerminalModes.Span.SequenceEqual(request.TerminalModes.Span);
        });
    }

    [Property(MaxTest = 200)]
    public bool WindowChange_AnyFields_RoundTrips(uint recipient, uint a, uint b, uint c, uint d)
    {
        var request = new WindowChangeRequest(a, b, c, d);
        var bytes = Hex.Write(WindowChangeRequest.GetSize(), dest => request.WriteTo(dest, recipient));
        return ChannelRequest.TryRead(bytes, out var header, out var data)
            && header == new ChannelRequest(recipient, ChannelRequestTypes.WindowChange, false)
            && WindowChangeRequest.TryReadData(data, out var read)
            && read == request;
    }

    [Theory]
    [InlineData("LANG", "en_US.UTF-8")]
    [InlineData("EMPTY", "")]
    public void Env_NameAndValue_RoundTrips(string name, string value)
    {
        var request = new EnvRequest(name, value);
        var bytes = Hex.Write(request.GetSize(), d => request.WriteTo(d, 1, false));
        Assert.True(ChannelRequest.TryRead(bytes, out var header, out var data));
        Assert.Equal(ChannelRequestTypes.Env, header.RequestType);
        Assert.True(EnvRequest.TryReadData(data, out var read));
        Assert.Equal(request, read);
    }

    [Fact]
    public void Subsystem_Name_RoundTrips()
    {
        var request = new SubsystemRequest("sftp");
        var bytes = Hex.Write(request.GetSize(), d => request.WriteTo(d, 2, true));
        Assert.True(ChannelRequest.TryRead(bytes, out var header, out var data));
        Assert.Equal(ChannelRequestTypes.Subsystem, header.RequestType);
        Assert.True(SubsystemRequest.TryReadData(data, out var read));
        Assert.Equal(request, read);
    }

    [Fact]
    public void ExitStatus_Code_RoundTrips()
    {
        var request = new ExitStatus(127);
        var bytes = Hex.Write(ExitStatus.GetSize(), d => request.WriteTo(d, 4));
        Assert.True(ChannelRequest.TryRead(bytes, out var header, out var data));
        Assert.Equal(new ChannelRequest(4, ChannelRequestTypes.ExitStatus, false), header);
        Assert.True(ExitStatus.TryReadData(data, out var read));
        Assert.Equal(request, read);
    }

    [Theory]
    [InlineData(ChannelRequestTypes.Shell, true)]
    [InlineData(ChannelRequestTypes.KeepAlive, true)]
    [InlineData(ChannelRequestTypes.EndOfWrite, false)]
    public void NoDataRequests_WrittenThenRead_HaveEmptyData(string type, bool wantReply)
    {
        var request = new ChannelRequest(11, type, wantReply);
        var bytes = Hex.Write(request.GetSize(0), d => request.WriteTo(d, default));
        Assert.True(ChannelRequest.TryRead(bytes, out var read, out var data));
        Assert.Equal(request, read);
        Assert.True(data.IsEmpty);
    }

    [Fact]
    public void KeepAlive_Request_MatchesHandWrittenBytes()
    {
        var request = new ChannelRequest(0, ChannelRequestTypes.KeepAlive, true);
        Assert.Equal(
            Hex.Parse("62 | 00000000 | 00000015 6b656570616c697665406f70656e7373682e636f6d | 01"),
            Hex.Write(request.GetSize(0), d => request.WriteTo(d, default)));
    }

    [Fact]
    public void Exec_CommandWithNul_IsMalformed() =>
        Assert.False(ExecRequest.TryReadData(Hex.Parse("00000003 6c 00 73"), out _));
}
