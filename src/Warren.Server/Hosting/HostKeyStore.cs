using Warren.Ssh.Crypto;
using Warren.Ssh.Keys;

namespace Warren.Server.Hosting;

/// <summary>
/// Finds the server's host keys: the files named with --host-key, or else one key of each type in
/// the data directory, generated there (mode 0600) on first start as sshd's ssh-keygen -A does.
/// </summary>
internal static class HostKeyStore
{
    private static readonly string[] GeneratedTypes = ["ed25519", "ecdsa", "rsa"];

    public static IReadOnlyList<IHostKey> LoadOrGenerate(IReadOnlyList<string> hostKeyFiles, string dataDir, TextWriter log)
    {
        var keys = new List<IHostKey>();
        if (hostKeyFiles.Count > 0)
        {
            foreach (var path in hostKeyFiles)
            {
                if (!File.Exists(path))
                {
                    throw new HostKeyException($"--host-key: '{path}' does not exist; create one with 'warren keygen --type ed25519 --out {path}'");
                }

                keys.Add(Load(path));
            }

            return keys;
        }

        var directory = Directory.CreateDirectory(dataDir);
        if (!OperatingSystem.IsWindows())
        {
            directory.UnixFileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
        }

        foreach (var type in GeneratedTypes)
        {
            var path = Path.Combine(dataDir, $"ssh_host_{type}_key");
            if (File.Exists(path))
            {
                keys.Add(Load(path));
                continue;
            }

            var key = KeyFile.Generate(type);
            KeyFile.Save(key, path, "warren host key");
            log.WriteLine($"Generated {type} host key {path} ({KeyFile.Fingerprint(key.PublicKeyBlob)})");
            keys.Add(key);
        }

        return keys;
    }

    private static IHostKey Load(string path)
    {
        try
        {
            return KeyFile.Load(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or InvalidDataException or NotSupportedException or System.Security.Cryptography.CryptographicException)
        {
            throw new HostKeyException($"host key '{path}' cannot be read: {e.Message}");
        }
    }
}
