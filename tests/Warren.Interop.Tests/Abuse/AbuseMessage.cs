using System.Buffers.Binary;
using System.Text;
using Warren.Ssh;

namespace Warren.Interop.Tests.Abuse;

/// <summary>
/// Builds SSH message payloads field by field (RFC 4251 §5 encodings), with no checks: abuse
/// tests need messages a well-behaved encoder would refuse to write.
/// </summary>
internal sealed class AbuseMessage
{
    private readonly List<byte> _bytes = [];

    private AbuseMessage(byte number)
    {
        _bytes.Add(number);
    }

    public static AbuseMessage Of(byte number) => new(number);

    public AbuseMessage Byte(byte value)
    {
        _bytes.Add(value);
        return this;
    }

    public AbuseMessage Bool(bool value) => Byte(value ? (byte)1 : (byte)0);

    public AbuseMessage UInt32(uint value)
    {
        Span<byte> field = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(field, value);
        _bytes.AddRange(field);
        return this;
    }

    public AbuseMessage String(ReadOnlySpan<byte> value)
    {
        UInt32((uint)value.Length);
        _bytes.AddRange(value);
        return this;
    }

    /// <summary>Raw bytes, no length in front.</summary>
    public AbuseMessage Append(ReadOnlySpan<byte> bytes)
    {
        _bytes.AddRange(bytes);
        return this;
    }

    public AbuseMessage String(string value) => String(Encoding.UTF8.GetBytes(value));

    public byte[] ToArray() => _bytes.ToArray();

    /// <summary>CHANNEL_OPEN "direct-tcpip" (RFC 4254 §7.2) with the window and packet size the test chooses.</summary>
    public static byte[] DirectTcpip(uint senderChannel, string host, uint port, uint window = 2 * 1024 * 1024, uint maxPacket = 32 * 1024) =>
        Of(SshMessageNumber.ChannelOpen).String("direct-tcpip").UInt32(senderChannel).UInt32(window).UInt32(maxPacket)
            .String(host).UInt32(port).String("127.0.0.1").UInt32(40000).ToArray();

    /// <summary>CHANNEL_OPEN "session" (RFC 4254 §6.1).</summary>
    public static byte[] SessionOpen(uint senderChannel) =>
        Of(SshMessageNumber.ChannelOpen).String("session").UInt32(senderChannel).UInt32(2 * 1024 * 1024).UInt32(32 * 1024).ToArray();

    /// <summary>GLOBAL_REQUEST "tcpip-forward" (RFC 4254 §7.1).</summary>
    public static byte[] TcpipForward(string address, uint port, bool wantReply = true) =>
        Of(SshMessageNumber.GlobalRequest).String("tcpip-forward").Bool(wantReply).String(address).UInt32(port).ToArray();

    /// <summary>A keepalive as OpenSSH sends it: a global request nobody implements, reply wanted.</summary>
    public static byte[] KeepAlive() => Of(SshMessageNumber.GlobalRequest).String("keepalive@openssh.com").Bool(true).ToArray();

    public static byte[] ChannelData(uint recipient, int length) =>
        Of(SshMessageNumber.ChannelData).UInt32(recipient).String(new byte[length]).ToArray();

    public static byte[] WindowAdjust(uint recipient, uint bytesToAdd) =>
        Of(SshMessageNumber.ChannelWindowAdjust).UInt32(recipient).UInt32(bytesToAdd).ToArray();

    public static byte[] Ignore(int length) => Of(SshMessageNumber.Ignore).String(new byte[length]).ToArray();

    public static byte[] ServiceRequest(string service) => Of(SshMessageNumber.ServiceRequest).String(service).ToArray();

    /// <summary>USERAUTH_REQUEST "none" (RFC 4252 §5.2).</summary>
    public static byte[] NoneAuth(string user) =>
        Of(SshMessageNumber.UserAuthRequest).String(user).String("ssh-connection").String("none").ToArray();

    /// <summary>The channel numbers of a CHANNEL_OPEN_CONFIRMATION: (recipient = ours, sender = the relay's).</summary>
    public static (uint Recipient, uint Sender, uint Window) ReadConfirmation(byte[] message)
    {
        Assert.Equal(SshMessageNumber.ChannelOpenConfirmation, message[0]);
        return (BinaryPrimitives.ReadUInt32BigEndian(message.AsSpan(1)), BinaryPrimitives.ReadUInt32BigEndian(message.AsSpan(5)), BinaryPrimitives.ReadUInt32BigEndian(message.AsSpan(9)));
    }

    /// <summary>The reason code and text of a CHANNEL_OPEN_FAILURE.</summary>
    public static (uint Reason, string Text) ReadOpenFailure(byte[] message)
    {
        Assert.Equal(SshMessageNumber.ChannelOpenFailure, message[0]);
        var reason = BinaryPrimitives.ReadUInt32BigEndian(message.AsSpan(5));
        var length = (int)BinaryPrimitives.ReadUInt32BigEndian(message.AsSpan(9));
        return (reason, Encoding.UTF8.GetString(message, 13, length));
    }
}
