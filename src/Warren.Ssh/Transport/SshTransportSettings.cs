namespace Warren.Ssh.Transport;

/// <summary>
/// What one side of the transport offers and the limits it enforces. The algorithm lists are in
/// preference order; for the server the order only matters when the client guesses (RFC 4253 §7.1:
/// the client's order wins).
/// </summary>
public sealed record SshTransportSettings
{
    /// <summary>The software version sent after <c>SSH-2.0-</c>.</summary>
    public string SoftwareVersion { get; init; } = "Warren_" + ThisAssemblyVersion;

    /// <summary>Key exchange methods, best first.</summary>
    public IReadOnlyList<string>? KexAlgorithms { get; init; }

    /// <summary>Host key signature algorithms, best first; the server offers only those it holds a key for.</summary>
    public IReadOnlyList<string>? HostKeyAlgorithms { get; init; }

    /// <summary>Ciphers, best first.</summary>
    public IReadOnlyList<string>? Ciphers { get; init; }

    /// <summary>MACs, best first (ignored for the AEAD ciphers).</summary>
    public IReadOnlyList<string>? Macs { get; init; }

    /// <summary>Largest packet_length accepted from the peer; larger is a disconnect. OpenSSH uses 256 KiB.</summary>
    public int MaxPacketLength { get; init; } = 256 * 1024;

    /// <summary>Bytes in either direction after which a new key exchange starts (RekeyLimit).</summary>
    public long RekeyBytes { get; init; } = 1L << 30;

    /// <summary>Time after which a new key exchange starts (RekeyLimit's second part).</summary>
    public TimeSpan RekeyInterval { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Time a peer has to complete the version exchange and the first key exchange.</summary>
    public TimeSpan HandshakeTimeout { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary>Most PONGs held back while a key exchange is in progress (CVE-2025-26466).</summary>
    public int MaxQueuedPongs { get; init; } = 16;

    /// <summary>
    /// Key exchanges the peer may start in a burst with little traffic in between; beyond it, one
    /// more per <see cref="PeerRekeyRefill"/>, and a faster peer is disconnected.
    /// </summary>
    public int PeerRekeyBurst { get; init; } = 10;

    /// <summary>Time in which one more peer-started key exchange is allowed after the burst is spent.</summary>
    public TimeSpan PeerRekeyRefill { get; init; } = TimeSpan.FromSeconds(6);

    /// <summary>Traffic (both ways) after which a peer-started key exchange costs nothing: a byte-based RekeyLimit.</summary>
    public long PeerRekeyFreeBytes { get; init; } = 1024 * 1024;

    /// <summary>The clock for rekey intervals and timeouts.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    internal static string ThisAssemblyVersion =>
        typeof(SshTransportSettings).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";
}
