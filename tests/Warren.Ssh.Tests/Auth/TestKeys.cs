using Warren.Ssh.Keys;
using Warren.Ssh.Tests.Keys;

namespace Warren.Ssh.Tests.Auth;

/// <summary>
/// Public key lines made once per test run by the real ssh-keygen, plus hand-built sk-* blobs
/// (ssh-keygen needs a FIDO token for those).
/// </summary>
internal static class TestKeys
{
    private static readonly Lazy<IReadOnlyDictionary<string, string>> Lines = new(Generate);

    /// <summary>"ssh-ed25519 AAAA... test@warren" for ed25519, ecdsa256/384/521, rsa, ed25519b (a second ed25519 key).</summary>
    public static string Line(string name) => Lines.Value[name];

    public static string Type(string name) => Line(name).Split(' ')[0];

    public static string Base64(string name) => Line(name).Split(' ')[1];

    public static byte[] Blob(string name) => Convert.FromBase64String(Base64(name));

    public static byte[] SkEd25519Blob()
    {
        var builder = new SshBlobBuilder();
        builder.WriteString("sk-ssh-ed25519@openssh.com");
        builder.WriteString(new byte[32]);
        builder.WriteString("ssh:");
        return builder.ToArray();
    }

    public static byte[] SkEcdsaBlob()
    {
        var builder = new SshBlobBuilder();
        builder.WriteString("sk-ecdsa-sha2-nistp256@openssh.com");
        builder.WriteString("nistp256");
        var point = new byte[65];
        point[0] = 4;
        builder.WriteString(point);
        builder.WriteString("ssh:");
        return builder.ToArray();
    }

    private static Dictionary<string, string> Generate()
    {
        using var keygen = new SshKeygen();
        var specs = new (string Name, string Type, int Bits)[]
        {
            ("ed25519", "ed25519", 0),
            ("ed25519b", "ed25519", 0),
            ("ecdsa256", "ecdsa", 256),
            ("ecdsa384", "ecdsa", 384),
            ("ecdsa521", "ecdsa", 521),
            ("rsa", "rsa", 2048),
        };
        var lines = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, type, bits) in specs)
        {
            var path = keygen.Generate(name, type, bits);
            lines[name] = File.ReadAllText(path + ".pub").Trim();
        }

        return lines;
    }
}
