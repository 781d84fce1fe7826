using Warren.Ssh.Auth;

namespace Warren.Fuzz.Targets;

/// <summary>
/// An OpenSSH certificate blob as a client presents it (PROTOCOL.certkeys): decoded, its options
/// and validity read, and the whole policy run against a trusted CA.
/// </summary>
internal static class CertificateTarget
{
    private const string DefaultAlgorithm = "ssh-ed25519-cert-v01@openssh.com";

    public static void Run(ReadOnlySpan<byte> data)
    {
        var algorithm = DefaultAlgorithm;
        if (OpenSshCertificate.TryParse(data, out var certificate) && certificate is not null)
        {
            CertificateOptions.TryRead(certificate, out _, out _);
            CertificateValidity.IsWithin(certificate, FuzzKeys.Now, 60, out _);
            algorithm = certificate.Type;
        }

        FuzzKeys.Policy.Check("alice", algorithm, data, FuzzKeys.Source, FuzzKeys.Now);
        FuzzKeys.Policy.Check("mallory", algorithm, data, FuzzKeys.Source, FuzzKeys.Now);
    }
}
