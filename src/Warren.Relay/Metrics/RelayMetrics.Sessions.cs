using Prometheus;
using Warren.Ssh.Transport;

namespace Warren.Relay.Metrics;

/// <summary>Connections, sessions, key exchange, channels and relayed bytes.</summary>
public static partial class RelayMetrics
{
    /// <summary>The <c>reason</c> label values, indexed by <see cref="SessionCloseReason"/>.</summary>
    private static readonly string[] CloseReasons =
        ["client_closed", "protocol_error", "auth_failed", "grace_time", "admin", "shutdown", "error"];

    /// <summary>The <c>type</c> label values of channels (RFC 4254 channel types).</summary>
    private static readonly string[] ChannelTypeNames = ["session", "direct-tcpip", "forwarded-tcpip"];

    /// <summary>The <c>edge</c> label values: where relayed bytes came in or left.</summary>
    private static readonly string[] Edges = ["ssh", "http", "tls", "tcp"];

    private static readonly Gauge ConnectionsActive = Prometheus.Metrics.CreateGauge(
        "warren_ssh_connections_active", "SSH connections open on this node, authenticated or not.");

    private static readonly Counter ConnectionsOpened = Prometheus.Metrics.CreateCounter(
        "warren_ssh_connections_opened_total", "SSH connections accepted past the pre-authentication limits.");

    private static readonly Counter.Child[] ConnectionsClosed = CounterChildren(
        "warren_ssh_connections_closed_total", "SSH connections ended, authenticated or not, by reason.", "reason", CloseReasons);

    private static readonly Gauge SessionsActive = Prometheus.Metrics.CreateGauge(
        "warren_sessions_active", "Authenticated SSH sessions on this node.");

    private static readonly Counter SessionsOpened = Prometheus.Metrics.CreateCounter(
        "warren_sessions_opened_total", "SSH sessions that authenticated.");

    private static readonly Counter.Child[] SessionsClosed = CounterChildren(
        "warren_sessions_closed_total", "Authenticated SSH sessions ended, by reason.", "reason", CloseReasons);

    private static readonly Histogram HandshakeDuration = Prometheus.Metrics.CreateHistogram(
        "warren_ssh_handshake_duration_seconds",
        "Time from accepting a connection to the end of its first key exchange (version exchange, KEXINIT, key agreement, NEWKEYS).",
        new HistogramConfiguration { Buckets = Histogram.ExponentialBuckets(0.001, 2, 14) });

    // Algorithm names come from the server's own offer, so these label sets are bounded by configuration.
    private static readonly Counter KexChosen = Prometheus.Metrics.CreateCounter(
        "warren_ssh_kex_total", "Key exchanges completed, by key exchange algorithm.", "algorithm");

    private static readonly Counter CipherChosen = Prometheus.Metrics.CreateCounter(
        "warren_ssh_ciphers_total", "Key exchanges completed, by cipher (each direction's cipher counted once per key exchange when they differ).", "algorithm");

    private static readonly Gauge.Child[] ChannelsActive = GaugeChildren(
        "warren_channels_active", "Open SSH channels on this node, by channel type.", "type", ChannelTypeNames);

    private static readonly Counter RelayedBytes = Prometheus.Metrics.CreateCounter(
        "warren_relayed_bytes_total",
        "Channel data bytes relayed: direction=in received from a peer, direction=out sent to one; edge says which listener the peer came through.",
        "direction", "edge");

    private static readonly Counter.Child[] RelayedIn = Children(Edges, e => RelayedBytes.WithLabels("in", e));

    private static readonly Counter.Child[] RelayedOut = Children(Edges, e => RelayedBytes.WithLabels("out", e));

    private static readonly Gauge ChannelsWaitingOnWindow = Prometheus.Metrics.CreateGauge(
        "warren_channels_waiting_window", "Channels with data to send that wait for the peer to widen its window (SSH flow control).");

    /// <summary>A connection actor started: its socket passed the pre-authentication limits.</summary>
    public static void ConnectionOpened()
    {
        ConnectionsOpened.Inc();
        ConnectionsActive.Inc();
    }

    /// <summary>The first key exchange of a connection finished after <paramref name="elapsed"/>.</summary>
    public static void HandshakeCompleted(TimeSpan elapsed, NegotiatedAlgorithms algorithms)
    {
        ArgumentNullException.ThrowIfNull(algorithms);
        HandshakeDuration.Observe(elapsed.TotalSeconds);
        KexChosen.WithLabels(algorithms.Kex).Inc();
        CipherChosen.WithLabels(algorithms.CipherClientToServer).Inc();
        if (algorithms.CipherServerToClient != algorithms.CipherClientToServer)
        {
            CipherChosen.WithLabels(algorithms.CipherServerToClient).Inc();
        }
    }

    /// <summary>A connection authenticated and is now a session.</summary>
    public static void SessionOpened()
    {
        SessionsOpened.Inc();
        SessionsActive.Inc();
    }

    /// <summary>A connection ended; <paramref name="authenticated"/> says whether it had become a session.</summary>
    public static void ConnectionClosed(bool authenticated, SessionCloseReason reason)
    {
        ConnectionsActive.Dec();
        ConnectionsClosed[(int)reason].Inc();
        if (authenticated)
        {
            SessionsActive.Dec();
            SessionsClosed[(int)reason].Inc();
        }
    }

    /// <summary>A channel of <paramref name="type"/> opened (type from <see cref="Warren.Ssh.Connection.ChannelTypes"/>).</summary>
    public static void ChannelOpened(string type) => ChannelsActive[ChannelTypeIndex(type)].Inc();

    /// <summary>A channel of <paramref name="type"/> closed.</summary>
    public static void ChannelClosed(string type) => ChannelsActive[ChannelTypeIndex(type)].Dec();

    /// <summary>
    /// Counts an SSH connection-protocol payload if it carries channel data: <paramref name="inbound"/>
    /// true for payloads received from the peer, false for payloads sent to it.
    /// </summary>
    public static void CountChannelData(ReadOnlySpan<byte> payload, bool inbound)
    {
        // CHANNEL_DATA: byte 94, uint32 recipient, string data. CHANNEL_EXTENDED_DATA: byte 95, uint32, uint32 code, string data (RFC 4254 §5.2).
        var lengthAt = payload.IsEmpty ? -1 : payload[0] switch
        {
            94 => 5,
            95 => 9,
            _ => -1,
        };
        if (lengthAt < 0 || payload.Length < lengthAt + 4)
        {
            return;
        }

        var length = System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(payload[lengthAt..]);
        CountRelayed(length, inbound, RelayEdge.Ssh);
    }

    /// <summary>Adds <paramref name="bytes"/> relayed through <paramref name="edge"/>.</summary>
    public static void CountRelayed(long bytes, bool inbound, RelayEdge edge) =>
        (inbound ? RelayedIn : RelayedOut)[(int)edge].Inc(bytes);

    /// <summary>A channel started (true) or stopped (false) waiting on the peer's window.</summary>
    public static void WaitingOnWindow(bool waiting)
    {
        if (waiting)
        {
            ChannelsWaitingOnWindow.Inc();
        }
        else
        {
            ChannelsWaitingOnWindow.Dec();
        }
    }

    private static int ChannelTypeIndex(string type) => type switch
    {
        "direct-tcpip" => 1,
        "forwarded-tcpip" => 2,
        _ => 0,
    };
}
