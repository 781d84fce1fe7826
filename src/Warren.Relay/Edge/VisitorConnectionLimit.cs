using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Logging;
using Warren.Relay.Metrics;

namespace Warren.Relay.Edge;

/// <summary>
/// Kestrel connection middleware: at most N open connections per visitor address (an IPv4
/// address, or an IPv6 /64 as one host usually holds a whole /64), over every edge listener
/// together. A connection over the limit is closed at once, before a byte is read.
/// </summary>
internal sealed partial class VisitorConnectionLimit
{
    private readonly ConcurrentDictionary<VisitorKey, int> _open = new();
    private readonly int _limit;
    private readonly ILogger _logger;

    public VisitorConnectionLimit(int limit, ILogger logger)
    {
        _limit = limit;
        _logger = logger;
    }

    /// <summary>The middleware for one listener; <paramref name="edge"/> labels its visitors in the metrics.</summary>
    public Func<ConnectionDelegate, ConnectionDelegate> For(RelayEdge edge) => next => connection => RunAsync(connection, next, edge);

    private async Task RunAsync(ConnectionContext connection, ConnectionDelegate next, RelayEdge edge)
    {
        var key = KeyOf(connection.RemoteEndPoint);
        var count = _open.AddOrUpdate(key, 1, (_, n) => n + 1);
        EdgeCounters.ConnectionOpened();
        try
        {
            if (count > _limit)
            {
                EdgeCounters.Refused();
                LogOverLimit(connection.RemoteEndPoint, _limit);
                connection.Abort();
                return;
            }

            RelayMetrics.VisitorAccepted(edge);
            await next(connection).ConfigureAwait(false);
        }
        finally
        {
            EdgeCounters.ConnectionClosed();
            Release(key);
        }
    }

    private void Release(VisitorKey key)
    {
        while (true)
        {
            var count = _open[key];
            if (count == 1)
            {
                // Remove only if still 1: another connection may have arrived meanwhile.
                if (_open.TryRemove(new KeyValuePair<VisitorKey, int>(key, 1)))
                {
                    return;
                }
            }
            else if (_open.TryUpdate(key, count - 1, count))
            {
                return;
            }
        }
    }

    private static VisitorKey KeyOf(EndPoint? endPoint)
    {
        if (endPoint is not IPEndPoint ip)
        {
            return default;
        }

        var address = ip.Address.IsIPv4MappedToIPv6 ? ip.Address.MapToIPv4() : ip.Address;
        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out var written);
        return address.AddressFamily == AddressFamily.InterNetwork
            ? new VisitorKey(false, BinaryPrimitives.ReadUInt32BigEndian(bytes))
            : new VisitorKey(true, written >= 8 ? BinaryPrimitives.ReadUInt64BigEndian(bytes) : 0);
    }

    [LoggerMessage(EventId = 5002, Level = LogLevel.Information, Message = "edge connection refused visitor={Visitor}: over {Limit} connections from one address")]
    private partial void LogOverLimit(EndPoint? visitor, int limit);

    private readonly record struct VisitorKey(bool IsV6Prefix, ulong Value);
}
