using System.Net.Sockets;
using System.Text;
using Warren.Ssh.Transport;

namespace Warren.Ssh.Tests.Transport;

/// <summary>
/// A hand-driven client for negative tests: writes exactly the bytes a test wants, unencrypted,
/// against a real Warren server transport on loopback.
/// </summary>
internal sealed class RawPeer : IAsyncDisposable
{
    private readonly LoopbackConnection _connection;
    private readonly NetworkStream _stream;
    private readonly CancellationTokenSource _cancel = new(TransportPair.Timeout);

    private RawPeer(LoopbackConnection connection, Task<SshTransport> server)
    {
        _connection = connection;
        _stream = new NetworkStream(connection.Client, ownsSocket: true);
        Reader = new PacketReader(_stream, 256 * 1024);
        Writer = new PacketWriter(_stream, 64 * 1024);
        Server = server;
    }

    public Task<SshTransport> Server { get; }

    public PacketReader Reader { get; }

    public PacketWriter Writer { get; }

    public CancellationToken Token => _cancel.Token;

    public static async Task<RawPeer> ConnectAsync(SshTransportSettings? serverSettings = null)
    {
        var connection = await LoopbackConnection.OpenAsync();
        var server = SshTransport.AcceptAsync(new NetworkStream(connection.Server, ownsSocket: true), serverSettings ?? new SshTransportSettings(), TestKeys.All, CancellationToken.None);
        return new RawPeer(connection, server);
    }

    public ValueTask SendRawAsync(string text) => _stream.WriteAsync(Encoding.ASCII.GetBytes(text), Token);

    public ValueTask SendRawAsync(byte[] bytes) => _stream.WriteAsync(bytes, Token);

    /// <summary>Sends our version line and reads the server's; the server's KEXINIT is read next.</summary>
    public async Task<string> ExchangeVersionsAsync()
    {
        await SendRawAsync("SSH-2.0-RawPeer_1.0\r\n");
        return await Reader.ReadLineAsync(255, Token);
    }

    public ValueTask SendPacketAsync(ReadOnlySpan<byte> payload)
    {
        payload.CopyTo(Writer.GetPayloadSpan());
        return Writer.SendAsync(payload.Length, Token);
    }

    public async Task<byte[]> ReadPacketAsync() => (await Reader.ReadPacketAsync(Token)).ToArray();

    /// <summary>Reads packets until SSH_MSG_DISCONNECT and returns its reason; fails if the socket closes first.</summary>
    public async Task<SshDisconnectReason> ReadDisconnectAsync()
    {
        while (true)
        {
            var packet = await ReadPacketAsync();
            if (packet[0] == SshMessageNumber.Disconnect)
            {
                return (SshDisconnectReason)System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(packet.AsSpan(1));
            }
        }
    }

    /// <summary>Reads whatever the server still sends until it closes the connection.</summary>
    public async Task<string> ReadUntilClosedAsync()
    {
        var all = new MemoryStream();
        var buffer = new byte[4096];
        while (true)
        {
            int read;
            try
            {
                read = await _stream.ReadAsync(buffer, Token);
            }
            catch (IOException)
            {
                break;
            }

            if (read == 0)
            {
                break;
            }

            all.Write(buffer, 0, read);
        }

        return Encoding.ASCII.GetString(all.ToArray());
    }

    public static byte[] ClientKexInit(bool strict, bool firstKexPacketFollows = false, string kex = "curve25519-sha256")
    {
        var kexList = new List<string> { kex, "ext-info-c" };
        if (strict)
        {
            kexList.Add("kex-strict-c-v00@openssh.com");
        }

        var message = KexInitMessage.Create(kexList, ["ssh-ed25519"], ["aes128-gcm@openssh.com"], ["hmac-sha2-256"]);
        var payload = message.Payload;
        if (firstKexPacketFollows)
        {
            payload[^5] = 1;
        }

        return payload;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            var server = await Server.WaitAsync(TimeSpan.FromSeconds(1));
            await server.DisposeAsync();
        }
#pragma warning disable CA1031 // The server side has usually failed already; that is what these tests provoke.
        catch (Exception)
#pragma warning restore CA1031
        {
        }

        Reader.Dispose();
        Writer.Dispose();
        await _stream.DisposeAsync();
        _connection.Dispose();
        _cancel.Dispose();
    }
}
