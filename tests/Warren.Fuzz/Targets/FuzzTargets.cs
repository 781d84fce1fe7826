namespace Warren.Fuzz.Targets;

/// <summary>Every target, in the order the README lists them.</summary>
internal static class FuzzTargets
{
    public static IReadOnlyList<FuzzTarget> All { get; } =
    [
        new("packet", "version line and binary packets (PacketReader), each payload to its message reader", PacketTarget.Run),
        new("kexinit", "KEXINIT (KexInitMessage.TryRead), negotiation against Warren's own offer, EXT_INFO", KexInitTarget.Run),
        new("kex-init", "the client's KEX init value (IKeyExchange.TryRespond) for every key exchange method", KexValueTargets.RunInit),
        new("kex-reply", "the server's KEX reply: host key, value, signature (TryComplete, SignatureVerifier)", KexValueTargets.RunReply),
        new("userauth", "USERAUTH_REQUEST: fields, publickey blob and signature, certificate policy", UserAuthTarget.Run),
        new("publickey", "public key blobs (KeyBlobShape, PlainKeyBlob, fingerprint) and signatures (SignatureVerifier, SkSignatureVerifier)", PublicKeyTarget.Run),
        new("certificate", "OpenSSH certificate blobs (OpenSshCertificate, CertificateOptions, CertificatePolicy)", CertificateTarget.Run),
        new("channel", "channel messages and their type-specific data (RFC 4254 §5-7)", ChannelTarget.Run),
        new("global-request", "GLOBAL_REQUEST and tcpip-forward / streamlocal-forward data, request replies", GlobalRequestTarget.Run),
        new("authorized-keys", "authorized_keys text (AuthorizedKeysParser) and public key lines (PublicKeyLine)", AuthorizedKeysTarget.Run),
        new("tunnel-options", "the session command's tunnel options (EdgeTunnelOptionsParser, SessionTunnelOptions)", TunnelOptionsTarget.Run),
        new("client-hello", "the SNI of a TLS ClientHello (ClientHelloReader)", ClientHelloTarget.Run),
        new("relay-frame", "relay-link frames (RelayFrameCodec) and handshake proofs (LinkHandshake)", RelayFrameTarget.Run),
        new("host-key", "private host key files: openssh-key-v1 and PEM (KeyFile); only their documented exceptions", HostKeyTarget.Run),
    ];

    /// <summary>The target named <paramref name="name"/>, or null.</summary>
    public static FuzzTarget? Find(string name)
    {
        foreach (var target in All)
        {
            if (target.Name == name)
            {
                return target;
            }
        }

        return null;
    }
}
