using Warren.Ssh.Crypto;
using Warren.Ssh.Keys;

namespace Warren.Ssh.Tests.Transport;

/// <summary>Host keys made once per test run; generating RSA keys per test would dominate the run time.</summary>
internal static class TestKeys
{
    private static readonly Lazy<IHostKey> LazyEd25519 = new(() => KeyFile.Generate("ed25519"));
    private static readonly Lazy<IHostKey> LazyEcdsa = new(() => KeyFile.Generate("ecdsa"));
    private static readonly Lazy<IHostKey> LazyRsa = new(() => KeyFile.Generate("rsa"));
    private static readonly Lazy<IHostKey> LazyEcdsa384 = new(() => new EcdsaHostKey(System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP384)));
    private static readonly Lazy<IHostKey> LazyEcdsa521 = new(() => new EcdsaHostKey(System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP521)));

    public static IHostKey Ed25519 => LazyEd25519.Value;

    public static IHostKey Ecdsa => LazyEcdsa.Value;

    public static IHostKey Rsa => LazyRsa.Value;

    public static IReadOnlyList<IHostKey> All => [Ed25519, Ecdsa, LazyEcdsa384.Value, LazyEcdsa521.Value, Rsa];
}
