using System.Net;
using System.Net.Sockets;
using Warren.Ssh;
using Warren.Ssh.Client;
using Warren.Ssh.Connection;
using Warren.Ssh.Crypto;
using Warren.Ssh.Transport;

namespace Warren.LoadGen.Scenarios;

/// <summary>
/// One idle client session holding one remote forward (<c>-R 0</c>): it logs in with
/// Warren.Ssh's client role, asks for <c>tcpip-forward</c> on port 0, and then answers every
/// <c>forwarded-tcpip</c> channel the server opens by echoing its bytes, so a visitor to
/// <see cref="Port"/> can check that the tunnel still works. It sends nothing else while idle.
/// </summary>
internal sealed class IdleSession : IAsyncDisposable
{
    private const uint Window = 64 * 1024;
    private const uint MaximumPacket = 32 * 1024;
    private readonly SshClientSession _client;
    private readonly CancellationTokenSource _stop = new();
    private readonly Dictionary<uint, uint> _channels = [];
    private Task _reading = Task.CompletedTask;
    private uint _nextChannel;

    private IdleSession(SshClientSession client) => _client = client;

    /// <summary>The port the server allocated for this session's forward.</summary>
    public uint Port { get; private set; }

    public static async Task<IdleSession> OpenAsync(int sshPort, IPAddress source, string user, IHostKey key, CancellationToken cancellationToken)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            socket.Bind(new IPEndPoint(source, 0));
            await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, sshPort), cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        var transport = await SshTransport.ConnectAsync(new NetworkStream(socket, ownsSocket: true), new SshTransportSettings(), _ => true, cancellationToken).ConfigureAwait(false);
        var session = new IdleSession(new SshClientSession(transport));
        try
        {
            await session._client.RequestUserAuthServiceAsync(cancellationToken).ConfigureAwait(false);
            if (await session._client.AuthenticatePublicKeyAsync(user, key, cancellationToken).ConfigureAwait(false) is not null)
            {
                throw new InvalidOperationException("the server refused the key");
            }

            await session.ForwardAsync(cancellationToken).ConfigureAwait(false);
            session._reading = session.ServeAsync();
            return session;
        }
        catch
        {
            await session.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        // The read loop ends before the transport is disposed: disposing it under a read in flight
        // hands the reader a returned buffer (seen as ArgumentOutOfRangeException under load).
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await _reading.WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or ObjectDisposedException or SshConnectionClosedException or SshProtocolException or TimeoutException)
        {
            // The session ends however the server saw it end.
        }

        await _client.DisposeAsync().ConfigureAwait(false);

        _stop.Dispose();
    }

    private async Task ForwardAsync(CancellationToken cancellationToken)
    {
        // OpenSSH's "-R 0:..." sends "localhost" as the address to bind (channel_rfwd_bind_host).
        var request = new TcpipForwardRequest("localhost", 0);
        var payload = new byte[request.GetSize(cancel: false)];
        request.WriteTo(payload, cancel: false, wantReply: true);
        var transport = _client.Transport;
        await transport.SendAsync(payload, cancellationToken).ConfigureAwait(false);
        while (true)
        {
            var reply = await transport.ReceiveAsync(cancellationToken).ConfigureAwait(false);
            switch (reply.Span[0])
            {
                case SshMessageNumber.RequestSuccess when RequestSuccess.TryRead(reply.Span, out var success) && success.BoundPort is { } port:
                    Port = port;
                    return;
                case SshMessageNumber.RequestSuccess:
                case SshMessageNumber.RequestFailure:
                    throw new InvalidOperationException("the server refused tcpip-forward on port 0");
            }
        }
    }

    private async Task ServeAsync()
    {
        var transport = _client.Transport;
        while (!_stop.IsCancellationRequested)
        {
            var message = await transport.ReceiveAsync(_stop.Token).ConfigureAwait(false);
            var reply = Answer(message.Span);
            if (reply is not null)
            {
                await transport.SendAsync(reply, _stop.Token).ConfigureAwait(false);
            }
        }
    }

    /// <summary>The one message that answers <paramref name="message"/>, or null.</summary>
    private byte[]? Answer(ReadOnlySpan<byte> message)
    {
        switch (message[0])
        {
            case SshMessageNumber.ChannelOpen when ChannelOpen.TryRead(message, out var open, out _):
                var local = _nextChannel++;
                _channels[local] = open.SenderChannel;
                var confirmation = new byte[ChannelOpenConfirmation.Size];
                new ChannelOpenConfirmation(open.SenderChannel, local, Window, MaximumPacket).WriteTo(confirmation);
                return confirmation;
            case SshMessageNumber.ChannelData when ChannelData.TryRead(message, out var recipient, out var offset, out var length)
                && _channels.TryGetValue(recipient, out var remote):
                // The visitor's ping is a few bytes: the echo fits the window the server offered.
                var echo = new byte[ChannelData.HeaderSize + length];
                ChannelData.WriteTo(echo, remote, message.Slice(offset, length));
                return echo;
            case SshMessageNumber.ChannelEof when ChannelEof.TryRead(message, out var eof) && _channels.TryGetValue(eof.RecipientChannel, out var eofRemote):
                var close = new byte[ChannelClose.Size];
                new ChannelClose(eofRemote).WriteTo(close);
                return close;
            case SshMessageNumber.ChannelClose when ChannelClose.TryRead(message, out var closed):
                _channels.Remove(closed.RecipientChannel);
                return null;
            case SshMessageNumber.GlobalRequest when GlobalRequest.TryRead(message, out var request, out _) && request.WantReply:
                return [SshMessageNumber.RequestFailure];
            default:
                return null;
        }
    }
}
