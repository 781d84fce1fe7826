using System.Buffers;
using System.IO.Pipelines;
using System.Net;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Logging;
using Warren.Relay.Tunnels;

namespace Warren.Relay.Edge;

/// <summary>
/// Kestrel connection middleware in front of TLS on the TLS listener: peeks at the ClientHello
/// (nothing consumed). If its SNI names a TLS tunnel (bound on port 443), the raw bytes are
/// spliced to that tunnel and the visitor sees the service's own certificate; otherwise the
/// connection goes on to Kestrel's TLS with the relay's certificate, or, with none configured,
/// is closed.
/// </summary>
internal sealed partial class TlsEdgeRouter
{
    private readonly TunnelConnector _connector;
    private readonly string _domain;
    private readonly IReadOnlyDictionary<string, string> _customDomains;
    private readonly TimeSpan _helloTimeout;
    private readonly bool _canTerminate;
    private readonly ILogger _logger;

    public TlsEdgeRouter(TunnelConnector connector, EdgeOptions options, bool canTerminate, ILogger logger)
    {
        _connector = connector;
        _domain = options.Domain;
        _customDomains = options.CustomDomains;
        _helloTimeout = options.HeaderTimeout;
        _canTerminate = canTerminate;
        _logger = logger;
    }

    public ConnectionDelegate Wrap(ConnectionDelegate next) => connection => RunAsync(connection, next);

    private async Task RunAsync(ConnectionContext connection, ConnectionDelegate next)
    {
        var (status, serverName) = await PeekServerNameAsync(connection).ConfigureAwait(false);
        if (status == ClientHelloStatus.NeedMoreData)
        {
            // Timed out or closed before a whole ClientHello arrived.
            connection.Abort();
            return;
        }

        if (status == ClientHelloStatus.ServerName && EdgeHost.TryGetTunnelName(serverName, _domain, _customDomains, out var name))
        {
            var visitor = connection.RemoteEndPoint as IPEndPoint;
            var opened = await _connector.OpenAsync(name, TunnelKind.Tls, visitor, connection.ConnectionClosed).ConfigureAwait(false);
            if (opened.Stream is { } stream)
            {
                EdgeCounters.Passthrough();
                if (opened.Options.ProxyProtocol != 0 && !await TryWriteProxyHeaderAsync(connection, stream, opened.Options.ProxyProtocol).ConfigureAwait(false))
                {
                    connection.Abort();
                    return;
                }

                await SpliceAsync(connection, stream).ConfigureAwait(false);
                return;
            }

            if (opened.Failure != TunnelOpenFailure.UnknownName)
            {
                // A TLS tunnel that cannot be reached: terminating here would show the wrong certificate.
                EdgeCounters.Refused();
                LogPassthroughFailed(name, opened.Failure, opened.Reason);
                connection.Abort();
                return;
            }
        }

        if (!_canTerminate)
        {
            EdgeCounters.Refused();
            LogNoCertificate(serverName, status);
            connection.Abort();
            return;
        }

        await next(connection).ConfigureAwait(false);
    }

    private async Task<(ClientHelloStatus Status, string ServerName)> PeekServerNameAsync(ConnectionContext connection)
    {
        var input = connection.Transport.Input;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(connection.ConnectionClosed);
        timeout.CancelAfter(_helloTimeout);
        try
        {
            while (true)
            {
                var read = await input.ReadAsync(timeout.Token).ConfigureAwait(false);
                var status = Inspect(read.Buffer, out var serverName);
                if (status == ClientHelloStatus.NeedMoreData && !read.IsCompleted && !read.IsCanceled)
                {
                    // Examined all, consumed nothing: the next read waits for more bytes.
                    input.AdvanceTo(read.Buffer.Start, read.Buffer.End);
                    continue;
                }

                // Consumed nothing, examined nothing: TLS (or the splice) reads the same bytes again.
                input.AdvanceTo(read.Buffer.Start);
                return (status, serverName);
            }
        }
        catch (OperationCanceledException)
        {
            return (ClientHelloStatus.NeedMoreData, string.Empty);
        }
    }

    private static ClientHelloStatus Inspect(ReadOnlySequence<byte> buffer, out string serverName)
    {
        if (buffer.IsSingleSegment)
        {
            return ClientHelloReader.TryReadServerName(buffer.FirstSpan, out serverName);
        }

        var length = (int)Math.Min(buffer.Length, ClientHelloReader.RecordHeaderSize + ClientHelloReader.MaxRecordLength);
        var copy = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            buffer.Slice(0, length).CopyTo(copy);
            return ClientHelloReader.TryReadServerName(copy.AsSpan(0, length), out serverName);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(copy);
        }
    }

    /// <summary>proxy-protocol=: the header goes to the service before the visitor's ClientHello.</summary>
    private static async Task<bool> TryWriteProxyHeaderAsync(ConnectionContext connection, TunnelStream stream, int version)
    {
        var header = ProxyProtocolHeader.Create(version, connection.RemoteEndPoint as IPEndPoint, connection.LocalEndPoint as IPEndPoint);
        try
        {
            await stream.WriteAsync(header, connection.ConnectionClosed).ConfigureAwait(false);
            return true;
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or InvalidOperationException)
        {
            await stream.DisposeAsync().ConfigureAwait(false);
            return false;
        }
    }

    private static async Task SpliceAsync(ConnectionContext connection, TunnelStream stream)
    {
        await using (stream.ConfigureAwait(false))
        {
            var toTunnel = ToTunnelAsync(connection.Transport.Input, stream);
            var toVisitor = ToVisitorAsync(stream, connection.Transport.Output, connection);
            await Task.WhenAll(toTunnel, toVisitor).ConfigureAwait(false);
        }
    }

    private static async Task ToTunnelAsync(PipeReader input, TunnelStream stream)
    {
        try
        {
            await input.CopyToAsync(stream).ConfigureAwait(false);

            // The visitor half-closed: the service gets EOF and may still answer.
            stream.CompleteWrites();
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or ConnectionResetException or InvalidOperationException)
        {
            // The visitor reset, or the tunnel is gone: closing the stream ends the other direction too.
            await stream.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static async Task ToVisitorAsync(TunnelStream stream, PipeWriter output, ConnectionContext connection)
    {
        try
        {
            await stream.CopyToAsync(output).ConfigureAwait(false);
            await output.CompleteAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or ConnectionResetException or InvalidOperationException)
        {
            connection.Abort();
        }
    }

    [LoggerMessage(EventId = 5020, Level = LogLevel.Information, Message = "edge TLS passthrough to tunnel {Tunnel} failed ({Failure}): {Reason}")]
    private partial void LogPassthroughFailed(string tunnel, TunnelOpenFailure failure, string reason);

    [LoggerMessage(EventId = 5021, Level = LogLevel.Information, Message = "edge TLS connection closed: SNI '{ServerName}' ({Status}) names no TLS tunnel and no --tls-cert is configured")]
    private partial void LogNoCertificate(string serverName, ClientHelloStatus status);
}
