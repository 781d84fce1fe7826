using System.Net.Sockets;
using Microsoft.Extensions.Logging;

namespace Warren.Relay.Cluster.Links;

/// <summary>
/// What a node's relay links need: the bound, listening socket (<c>--relay-listen</c>; its
/// ownership passes to <see cref="RelayLinksActor"/>), the cluster secret both ends prove with
/// <see cref="LinkHandshake"/>, the log, and TLS when configured.
/// </summary>
public sealed record RelayLinkSettings(Socket Listener, byte[] Secret, ILogger Logger)
{
    /// <summary>How long dialing and the handshake may take before the link is given up.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>TLS on every link, inside <see cref="ConnectTimeout"/>; null: plain TCP.</summary>
    public RelayLinkTls? Tls { get; init; }
}
