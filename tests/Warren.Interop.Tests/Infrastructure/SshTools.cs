namespace Warren.Interop.Tests.Infrastructure;

/// <summary>
/// The OpenSSH programs the interop tests run. A missing one fails the test with the
/// package to install; nothing is skipped silently.
/// </summary>
internal static class SshTools
{
    public const string Ssh = "/usr/bin/ssh";
    public const string SshKeygen = "/usr/bin/ssh-keygen";
    public const string SshKeyscan = "/usr/bin/ssh-keyscan";
    public const string Sshd = "/usr/sbin/sshd";

    /// <summary>Default time limit for one short-lived OpenSSH command.</summary>
    public static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(30);

    public static void RequireClient()
    {
        Require(Ssh, "openssh-client");
        Require(SshKeygen, "openssh-client");
        Require(SshKeyscan, "openssh-client");
    }

    public static void RequireServer() => Require(Sshd, "openssh-server");

    private static void Require(string path, string package)
    {
        if (!File.Exists(path))
        {
            throw new InvalidOperationException(
                $"{path} is missing: the interop tests need {package}; install it with 'apt-get install -y {package}' (see README.md).");
        }
    }
}
