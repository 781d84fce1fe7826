namespace Warren.Relay.Edge;

/// <summary>What <see cref="ClientHelloReader"/> made of the first bytes of a TLS connection.</summary>
internal enum ClientHelloStatus
{
    /// <summary>A prefix of a ClientHello: read more bytes and try again.</summary>
    NeedMoreData,

    /// <summary>A ClientHello with a host_name in its server_name extension.</summary>
    ServerName,

    /// <summary>A whole ClientHello without a server name.</summary>
    NoServerName,

    /// <summary>Not a TLS ClientHello (or a malformed one).</summary>
    Invalid,
}
