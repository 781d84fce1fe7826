using System.Threading;
using Warren.Ssh.Tests.Keys;

namespace Warren.Ssh.Tests.Auth;

/// <summary>
/// CA and user keys made once by the real ssh-keygen, and a helper that has ssh-keygen sign
/// certificates for them. Shared by the certificate test classes.
/// </summary>
public sealed class CertificateFixture : IDisposable
{
    private readonly SshKeygen _keygen = new();
    private int _counter;

    public CertificateFixture()
    {
        CaEd25519 = _keygen.Generate("ca_ed25519", "ed25519", 0);
        CaRsa = _keygen.Generate("ca_rsa", "rsa", 2048);
        OtherCa = _keygen.Generate("ca_other", "ed25519", 0);
        UserEd25519 = _keygen.Generate("user_ed25519", "ed25519", 0);
        UserEcdsa = _keygen.Generate("user_ecdsa", "ecdsa", 384);
        UserRsa = _keygen.Generate("user_rsa", "rsa", 2048);
    }

    public string CaEd25519 { get; }

    public string CaRsa { get; }

    public string OtherCa { get; }

    public string UserEd25519 { get; }

    public string UserEcdsa { get; }

    public string UserRsa { get; }

    public string Directory => _keygen.Directory;

    /// <summary>The plain public key blob of a private key file's .pub.</summary>
    public static byte[] PublicBlob(string privateKeyPath) =>
        Convert.FromBase64String(File.ReadAllText(privateKeyPath + ".pub").Split(' ')[1]);

    /// <summary>The .pub line of a private key file.</summary>
    public static string PublicLine(string privateKeyPath) => File.ReadAllText(privateKeyPath + ".pub").Trim();

    /// <summary>
    /// Has <c>ssh-keygen -s ca -I id -n principals [-V validity] [options] key.pub</c> sign
    /// <paramref name="userKey"/> and returns the certificate blob. Empty principals omit -n.
    /// </summary>
    public byte[] Certify(string userKey, string ca, string principals, string? validity = "+1h", params string[] options)
    {
        var n = Interlocked.Increment(ref _counter);
        var pub = _keygen.PathOf($"cert{n}.pub");
        File.Copy(userKey + ".pub", pub);
        return CertifyPublic(pub, ca, principals, validity, options);
    }

    /// <summary>Like <see cref="Certify"/> for a public key file (e.g. a hand-made sk-* key).</summary>
    public static byte[] CertifyPublic(string publicKeyFile, string ca, string principals, string? validity = "+1h", params string[] options)
    {
        var arguments = new List<string> { "-q", "-s", ca, "-I", "test-id" };
        if (principals.Length != 0)
        {
            arguments.AddRange(["-n", principals]);
        }

        if (validity is not null)
        {
            arguments.AddRange(["-V", validity]);
        }

        arguments.AddRange(options);
        arguments.Add(publicKeyFile);
        SshKeygen.Run([.. arguments]);
        var certPath = publicKeyFile[..^".pub".Length] + "-cert.pub";
        return Convert.FromBase64String(File.ReadAllText(certPath).Split(' ')[1]);
    }

    /// <summary>Writes <paramref name="text"/> to a new file in the fixture directory and returns its path.</summary>
    public string WriteFile(string name, string text)
    {
        var path = _keygen.PathOf($"{Interlocked.Increment(ref _counter)}-{name}");
        File.WriteAllText(path, text);
        return path;
    }

    public void Dispose() => _keygen.Dispose();
}
