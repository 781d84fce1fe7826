using System.Buffers.Binary;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Warren.Ssh;

namespace Warren.Interop.Tests.Abuse;

/// <summary>
/// The unencrypted start of a connection, byte by byte: the version exchange and the packets
/// before the first NEWKEYS (RFC 4253 §4.2, §6), for abuse that happens before any keys exist.
/// </summary>
internal sealed class RawSshSocket : IAsyncDisposable
{
    private readonly NetworkStream _stream;
    private readonly CancellationTokenSource _cancel = new(HostileClient.Timeout);

    private RawSshSocket(NetworkStream stream)
    {
        _stream = stream;
    }

    /// <summary>Connects, sends our version line and reads the relay's.</summary>
    public static async Task<RawSshSocket> ConnectAsync(int port)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await socket.ConnectAsync("127.0.0.1", port);
        var raw = new RawSshSocket(new NetworkStream(socket, ownsSocket: true));
        await raw._stream.WriteAsync(Encoding.ASCII.GetBytes("SSH-2.0-Hostile_1.0\r\n"), raw._cancel.Token);
        var line = new List<byte>();
        var one = new byte[1];
        while (line.Count == 0 || line[^1] != (byte)'\n')
        {
            await raw._stream.ReadExactlyAsync(one, raw._cancel.Token);
            line.Add(one[0]);
        }

        Assert.StartsWith("SSH-2.0-", Encoding.ASCII.GetString([.. line]), StringComparison.Ordinal);
        return raw;
    }

    /// <summary>Frames a payload as an unencrypted packet, padded to 8 bytes with at least 4 (RFC 4253 §6).</summary>
    public async Task SendPacketAsync(byte[] payload)
    {
        var padding = 8 - ((5 + payload.Length) % 8);
        if (padding < 4)
        {
            padding += 8;
        }

        var packet = new byte[4 + 1 + payload.Length + padding];
        BinaryPrimitives.WriteUInt32BigEndian(packet, (uint)(1 + payload.Length + padding));
        packet[4] = (byte)padding;
        payload.CopyTo(packet, 5);
        RandomNumberGenerator.Fill(packet.AsSpan(5 + payload.Length));
        await _stream.WriteAsync(packet, _cancel.Token);
    }

    /// <summary>Reads one unencrypted packet and returns its payload.</summary>
    public async Task<byte[]> ReadPacketAsync()
    {
        var header = new byte[5];
        await _stream.ReadExactlyAsync(header, _cancel.Token);
        var length = (int)BinaryPrimitives.ReadUInt32BigEndian(header);
        var rest = new byte[length - 1];
        await _stream.ReadExactlyAsync(rest, _cancel.Token);
        return rest[..^header[4]];
    }

    /// <summary>Reads packets until DISCONNECT and asserts its reason code and text.</summary>
    public async Task AssertDisconnectedAsync(SshDisconnectReason reason, string text)
    {
        while (true)
        {
            var payload = await ReadPacketAsync();
            if (payload[0] != SshMessageNumber.Disconnect)
            {
                continue;
            }

            Assert.Equal(reason, (SshDisconnectReason)BinaryPrimitives.ReadUInt32BigEndian(payload.AsSpan(1)));
            var length = (int)BinaryPrimitives.ReadUInt32BigEndian(payload.AsSpan(5));
            Assert.Contains(text, Encoding.UTF8.GetString(payload, 9, length), StringComparison.Ordinal);
            return;
        }
    }

    /// <summary>A client KEXINIT (RFC 4253 §7.1) with the key exchange name-list the test chooses.</summary>
    public static byte[] KexInit(string kexList)
    {
        var message = AbuseMessage.Of(SshMessageNumber.KexInit).Append(new byte[16]).String(kexList).String("ssh-ed25519")
            .String("aes128-gcm@openssh.com").String("aes128-gcm@openssh.com").String("hmac-sha2-256").String("hmac-sha2-256")
            .String("none").String("none").String(string.Empty).String(string.Empty).Bool(false).UInt32(0);
        return message.ToArray();
    }

    public async ValueTask DisposeAsync()
    {
        await _stream.DisposeAsync();
        _cancel.Dispose();
    }
}
