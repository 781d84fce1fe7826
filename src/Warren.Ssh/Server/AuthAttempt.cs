namespace Warren.Ssh.Server;

/// <summary>One authentication attempt, as the log records it.</summary>
/// <param name="User">The user name the client asked for.</param>
/// <param name="Method">publickey, password, ...</param>
/// <param name="Success">True for the attempt that logged in.</param>
/// <param name="KeyType">The key or certificate algorithm, for publickey.</param>
/// <param name="Fingerprint">SHA256 fingerprint of the key (of the certified key for certificates).</param>
/// <param name="Reason">Why it failed, or what granted it (authorized_keys file:line, certificate id).</param>
public sealed record AuthAttempt(string User, string Method, bool Success, string? KeyType, string? Fingerprint, string Reason);
