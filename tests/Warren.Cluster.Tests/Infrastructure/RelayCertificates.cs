using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Warren.Interop.Tests.Edge;
using Warren.Interop.Tests.Infrastructure;

namespace Warren.Cluster.Tests.Infrastructure;

/// <summary>
/// Relay-link certificates made in the test and written as PEM files for <c>--relay-tls-cert</c>,
/// <c>--relay-tls-key</c> and <c>--relay-tls-ca</c>: self-signed (one for the whole cluster), or a
/// CA and node certificates it signs. Node certificates name no host: links are not checked by name.
/// </summary>
internal sealed class RelayCertificates : IDisposable
{
    private static readonly Oid ServerAuth = new("1.3.6.1.5.5.7.3.1");
    private static readonly Oid ClientAuth = new("1.3.6.1.5.5.7.3.2");

    private readonly TempDirectory _dir = new("warren-relay-tls-");

    /// <summary>Flags for a node with a new self-signed certificate (pinned: every peer must present the same).</summary>
    public IReadOnlyList<string> SelfSigned(string name)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = NodeRequest(name, key);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        return Write(name, certificate);
    }

    /// <summary>A new CA; its PEM file is <see cref="AuthorityFile"/>.</summary>
    public X509Certificate2 Authority(string name)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        var authority = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-10), DateTimeOffset.UtcNow.AddDays(2));
        File.WriteAllText(AuthorityFile(name), authority.ExportCertificatePem());
        return authority;
    }

    /// <summary>Where <see cref="Authority"/> wrote the CA named <paramref name="name"/>.</summary>
    public string AuthorityFile(string name) => _dir.Combine(name + "-ca.crt");

    /// <summary>Flags for a node whose certificate <paramref name="authority"/> signs, checking its peers against the CA named <paramref name="trusted"/>.</summary>
    public IReadOnlyList<string> Issued(X509Certificate2 authority, string name, string trusted)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = NodeRequest(name, key);
        using var issued = request.Create(authority, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1), RandomNumberGenerator.GetBytes(16));
        using var withKey = issued.CopyWithPrivateKey(key);
        return [.. Write(name, withKey), "--relay-tls-ca", AuthorityFile(trusted)];
    }

    public void Dispose() => _dir.Dispose();

    private static CertificateRequest NodeRequest(string name, ECDsa key)
    {
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));

        // A node is the TLS server when it accepts a link and the client when it dials one.
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([ServerAuth, ClientAuth], false));
        return request;
    }

    private string[] Write(string name, X509Certificate2 certificate)
    {
        var certFile = _dir.Combine(name + ".crt");
        var keyFile = _dir.Combine(name + ".key");
        EdgeCertificates.WritePem(certificate, certFile, keyFile);
        return ["--relay-tls-cert", certFile, "--relay-tls-key", keyFile];
    }
}
