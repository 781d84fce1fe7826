using System.Net.Sockets;
using Warren.Ssh.Crypto;
using Warren.Ssh.Transport;

namespace Warren.Ssh.Tests.Transport;

/// <summary>A Warren client transport and a Warren server transport connected over loopback TCP.</summary>
internal sealed class TransportPair : IAsyncDisposable
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private readonly LoopbackConnection _connection;

    private TransportPair(LoopbackConnection connection, SshTransport client, SshTransport server)
    {
        _connection = connection;
        Client = client;
        Server = server;
    }

    public SshTransport Client { get; }

    public SshTransport Server { get; }

    public static async Task<TransportPair> ConnectAsync(SshTransportSettings clientSettings, SshTransportSettings serverSettings, IReadOnlyList<IHostKey>? hostKeys = null)
    {
        var connection = await LoopbackConnection.OpenAsync();
        using var cancel = new CancellationTokenSource(Timeout);
        var server = SshTransport.AcceptAsync(new NetworkStream(connection.Server, ownsSocket: true), serverSettings, hostKeys ?? TestKeys.All, cancel.Token);
        var client = SshTransport.ConnectAsync(new NetworkStream(connection.Client, ownsSocket: true), clientSettings, _ => true, cancel.Token);
        await Task.WhenAll(server, client).WaitAsync(Timeout);
        return new TransportPair(connection, await client, await server);
    }

    public async ValueTask DisposeAsync()
    {
        await Client.DisposeAsync();
        await Server.DisposeAsync();
        _connection.Dispose();
    }
}
