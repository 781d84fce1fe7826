using System.Net.Sockets;
using Warren.Ssh;
using Warren.Ssh.Client;
using Warren.Ssh.Crypto;
using Warren.Ssh.Keys;
using Warren.Ssh.Transport;

namespace Warren.Interop.Tests.Abuse;

/// <summary>
/// A hand-driven SSH client for abuse tests: Warren.Ssh's client role with real keys and
/// ciphers, so every message after the key exchange is encrypted as a real client's would be,
/// and the test sends whatever bytes it wants in whatever order. The relay's answer to a refusal
/// is read back as the DISCONNECT reason code and text.
/// </summary>
internal sealed class HostileClient : IAsyncDisposable
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    private readonly CancellationTokenSource _cancel = new(TimeSpan.FromSeconds(120));

    private HostileClient(SshClientSession session)
    {
        Session = session;
    }

    public SshClientSession Session { get; }

    public SshTransport Transport => Session.Transport;

    /// <summary>Cancels with the test: every wait here ends, at the latest, two minutes after connecting.</summary>
    public CancellationToken Token => _cancel.Token;

    /// <summary>Connects and runs the version exchange and the first key exchange; the relay's host key is taken on trust.</summary>
    public static async Task<HostileClient> ConnectAsync(int port, SshTransportSettings? settings = null)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        using var cancel = new CancellationTokenSource(Timeout);
        await socket.ConnectAsync("127.0.0.1", port, cancel.Token);
        var transport = await SshTransport.ConnectAsync(new NetworkStream(socket, ownsSocket: true), settings ?? new SshTransportSettings(), _ => true, cancel.Token);
        return new HostileClient(new SshClientSession(transport));
    }

    /// <summary>Connects and logs in with a fresh key (on a relay run with --anonymous, its own account).</summary>
    public static async Task<HostileClient> LoginAsync(int port, IHostKey? key = null, string user = "mallory")
    {
        var client = await ConnectAsync(port);
        await client.Session.RequestUserAuthServiceAsync(client.Token);
        var methods = await client.Session.AuthenticatePublicKeyAsync(user, key ?? KeyFile.Generate("ed25519"), client.Token);
        Assert.Null(methods);
        return client;
    }

    public ValueTask SendAsync(byte[] payload) => Transport.SendAsync(payload, Token);

    /// <summary>The next message for the client, copied; what the relay says unprompted (hostkeys-00 and the like) included.</summary>
    public async Task<byte[]> ReceiveAsync() => (await Transport.ReceiveAsync(Token).AsTask().WaitAsync(Timeout)).ToArray();

    /// <summary>The next message of the given number; others are skipped.</summary>
    public async Task<byte[]> ReceiveAsync(byte number)
    {
        while (true)
        {
            var message = await ReceiveAsync();
            if (message[0] == number)
            {
                return message;
            }
        }
    }

    /// <summary>Opens a direct-tcpip channel to 127.0.0.1:<paramref name="port"/> and returns the relay's channel number.</summary>
    public async Task<uint> OpenDirectAsync(uint senderChannel, int port, uint window = 2 * 1024 * 1024)
    {
        await SendAsync(AbuseMessage.DirectTcpip(senderChannel, "127.0.0.1", (uint)port, window));
        var (recipient, sender, _) = AbuseMessage.ReadConfirmation(await ReceiveAsync(SshMessageNumber.ChannelOpenConfirmation));
        Assert.Equal(senderChannel, recipient);
        return sender;
    }

    /// <summary>Like <see cref="OpenDirectAsync"/>, but a refusal returns null instead of waiting on.</summary>
    public async Task<uint?> TryOpenDirectAsync(uint senderChannel, int port)
    {
        await SendAsync(AbuseMessage.DirectTcpip(senderChannel, "127.0.0.1", (uint)port));
        while (true)
        {
            var message = await ReceiveAsync();
            switch (message[0])
            {
                case SshMessageNumber.ChannelOpenConfirmation:
                    return AbuseMessage.ReadConfirmation(message).Sender;
                case SshMessageNumber.ChannelOpenFailure:
                    return null;
            }
        }
    }

    /// <summary>Sends a keepalive and waits for its answer: the session is alive and has read everything sent before it.</summary>
    public async Task AssertAliveAsync()
    {
        await SendAsync(AbuseMessage.KeepAlive());
        await ReceiveAsync(SshMessageNumber.RequestFailure);
    }

    /// <summary>
    /// Reads until the relay's SSH_MSG_DISCONNECT and returns it (reason code and text); fails if
    /// the connection just closes, or nothing comes within the timeout.
    /// </summary>
    public async Task<SshConnectionClosedException> ReadDisconnectAsync()
    {
        while (true)
        {
            try
            {
                await ReceiveAsync();
            }
            catch (SshConnectionClosedException closed)
            {
                Assert.True(closed.Reason != SshDisconnectReason.None, $"the relay closed the connection without a DISCONNECT: {closed.Message}");
                return closed;
            }
        }
    }

    /// <summary>Asserts the relay disconnected with <paramref name="reason"/> and a text that contains <paramref name="text"/>.</summary>
    public async Task AssertDisconnectedAsync(SshDisconnectReason reason, string text)
    {
        var closed = await ReadDisconnectAsync();
        Assert.Equal(reason, closed.Reason);
        Assert.Contains(text, closed.Message, StringComparison.Ordinal);
    }

    public async ValueTask DisposeAsync()
    {
        await Session.DisposeAsync();
        _cancel.Dispose();
    }
}
