using System.Net;

namespace Warren.Ssh.Auth;

/// <summary>
/// Decides whether a user may log in with a public key or an OpenSSH certificate (RFC 4252 §7,
/// PROTOCOL.certkeys). Implementations: authorized_keys files, trusted CAs, anonymous mode.
/// Called once per query and once per signed request; must be thread-safe and must not throw on
/// malformed blobs (a malformed blob is a denial).
/// </summary>
public interface IPublicKeyPolicy
{
    /// <param name="user">The user name from the request.</param>
    /// <param name="algorithm">The public key algorithm name from the request (e.g. <c>rsa-sha2-512</c>, <c>ssh-ed25519-cert-v01@openssh.com</c>).</param>
    /// <param name="keyBlob">The public key or certificate blob from the request.</param>
    /// <param name="source">The client's address.</param>
    /// <param name="now">The server's clock.</param>
    PublicKeyDecision Check(string user, string algorithm, ReadOnlySpan<byte> keyBlob, IPAddress source, DateTimeOffset now);
}
