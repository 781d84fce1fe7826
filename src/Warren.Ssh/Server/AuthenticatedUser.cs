using Warren.Ssh.Auth;

namespace Warren.Ssh.Server;

/// <summary>Who logged in and what the login grants; it travels with the session.</summary>
/// <param name="User">The account: the user name, or the key fingerprint in anonymous mode.</param>
/// <param name="Method">The method that succeeded.</param>
/// <param name="Permissions">What the key options and certificate allow.</param>
/// <param name="Fingerprint">SHA256 fingerprint of the key used, if a key was used.</param>
public sealed record AuthenticatedUser(string User, string Method, KeyPermissions Permissions, string? Fingerprint);
