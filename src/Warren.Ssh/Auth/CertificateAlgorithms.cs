namespace Warren.Ssh.Auth;

/// <summary>
/// The names around OpenSSH certificates (PROTOCOL.certkeys, draft-miller-ssh-cert): which key blob
/// type each userauth algorithm goes with, and which signature algorithm the key signs with.
/// <c>rsa-sha2-256/512-cert-v01@openssh.com</c> are algorithm names only, never a blob type.
/// </summary>
internal static class CertificateAlgorithms
{
    public const string SkEd25519 = "sk-ssh-ed25519@openssh.com";
    public const string SkEcdsaP256 = "sk-ecdsa-sha2-nistp256@openssh.com";

    /// <summary>
    /// CA signature algorithms accepted on a certificate (sshd CASignatureAlgorithms default);
    /// never ssh-rsa with SHA-1.
    /// </summary>
    public static IReadOnlyList<string> CaSignatureAlgorithms { get; } =
    [
        "ssh-ed25519", "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521",
        SkEd25519, SkEcdsaP256, "rsa-sha2-512", "rsa-sha2-256",
    ];

    /// <summary>True for a <c>*-cert-v01@openssh.com</c> userauth algorithm name.</summary>
    public static bool IsCertificateAlgorithm(string algorithm) =>
        algorithm.EndsWith("-cert-v01@openssh.com", StringComparison.Ordinal);

    /// <summary>
    /// Maps a certificate userauth algorithm to the blob type it requires and the plain signature
    /// algorithm of the user's signature; false for unknown names and for the SHA-1
    /// <c>ssh-rsa-cert-v01@openssh.com</c> algorithm.
    /// </summary>
    public static bool TryMapCertificateAlgorithm(string algorithm, out string certificateType, out string signatureAlgorithm)
    {
        (certificateType, signatureAlgorithm) = algorithm switch
        {
            "ssh-ed25519-cert-v01@openssh.com" => (algorithm, "ssh-ed25519"),
            "ecdsa-sha2-nistp256-cert-v01@openssh.com" => (algorithm, "ecdsa-sha2-nistp256"),
            "ecdsa-sha2-nistp384-cert-v01@openssh.com" => (algorithm, "ecdsa-sha2-nistp384"),
            "ecdsa-sha2-nistp521-cert-v01@openssh.com" => (algorithm, "ecdsa-sha2-nistp521"),
            "rsa-sha2-256-cert-v01@openssh.com" => ("ssh-rsa-cert-v01@openssh.com", "rsa-sha2-256"),
            "rsa-sha2-512-cert-v01@openssh.com" => ("ssh-rsa-cert-v01@openssh.com", "rsa-sha2-512"),
            "sk-ssh-ed25519-cert-v01@openssh.com" => (algorithm, SkEd25519),
            "sk-ecdsa-sha2-nistp256-cert-v01@openssh.com" => (algorithm, SkEcdsaP256),
            _ => (string.Empty, string.Empty),
        };
        return certificateType.Length != 0;
    }

    /// <summary>The plain key type certified by a certificate blob type; null for anything else.</summary>
    public static string? PlainKeyTypeOf(string certificateType) => certificateType switch
    {
        "ssh-ed25519-cert-v01@openssh.com" => "ssh-ed25519",
        "ecdsa-sha2-nistp256-cert-v01@openssh.com" => "ecdsa-sha2-nistp256",
        "ecdsa-sha2-nistp384-cert-v01@openssh.com" => "ecdsa-sha2-nistp384",
        "ecdsa-sha2-nistp521-cert-v01@openssh.com" => "ecdsa-sha2-nistp521",
        "ssh-rsa-cert-v01@openssh.com" => "ssh-rsa",
        "sk-ssh-ed25519-cert-v01@openssh.com" => SkEd25519,
        "sk-ecdsa-sha2-nistp256-cert-v01@openssh.com" => SkEcdsaP256,
        _ => null,
    };

    /// <summary>
    /// Whether a plain key of <paramref name="keyType"/> signs with <paramref name="signatureAlgorithm"/>:
    /// the same name, or rsa-sha2-256/512 for ssh-rsa.
    /// </summary>
    public static bool KeySignsWith(string keyType, string signatureAlgorithm) =>
        keyType == "ssh-rsa"
            ? signatureAlgorithm is "rsa-sha2-256" or "rsa-sha2-512"
            : keyType == signatureAlgorithm && PlainKeyBlob.IsKnownType(keyType);
}
