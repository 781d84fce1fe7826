using System.Security.Cryptography;
using System.Text;
using Warren.Ssh.Crypto;

namespace Warren.Ssh.Keys;

/// <summary>
/// Host key files: generation, loading (OpenSSH openssh-key-v1 and PEM/PKCS#8, unencrypted only),
/// saving in the OpenSSH format with a <c>.pub</c> beside it, and fingerprints. For local files
/// that the operator controls: errors throw with a message that says what to do. Thread-safe.
/// </summary>
public static class KeyFile
{
    /// <summary>An RSA 16384-bit key file is about 13 KB; anything far larger is not a key.</summary>
    private const int MaxFileBytes = 1 << 20;

    /// <summary>
    /// Makes a new key: <c>ed25519</c>, <c>ecdsa</c> (nistp256) or <c>rsa</c> (3072 bits), from the
    /// OS CSPRNG. The caller owns the key; the ECDSA and RSA ones are <see cref="IDisposable"/>.
    /// </summary>
    /// <exception cref="ArgumentException">Another type name.</exception>
    public static IHostKey Generate(string type) => type switch
    {
        "ed25519" => Ed25519HostKey.Generate(),
        "ecdsa" => EcdsaHostKey.Generate(),
        "rsa" => RsaHostKey.Generate(),
        _ => throw new ArgumentException($"Unknown key type '{type}': use ed25519, ecdsa or rsa.", nameof(type)),
    };

    /// <summary>Reads the private key at <paramref name="path"/>; the caller owns the returned key.</summary>
    /// <exception cref="InvalidDataException">The file is not a readable key (the message says why and how to fix it).</exception>
    /// <exception cref="NotSupportedException">The key is encrypted or of a type Warren does not use.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static IHostKey Load(string path)
    {
        var info = new FileInfo(path);
        if (info.Exists && info.Length > MaxFileBytes)
        {
            throw new InvalidDataException($"The private key {path} is {info.Length} bytes, larger than any key file; check the path.");
        }

        return Parse(File.ReadAllText(path), path);
    }

    /// <summary>
    /// Writes <paramref name="key"/> to <paramref name="path"/> as an unencrypted openssh-key-v1 file
    /// with mode 0600 (set at creation, so the key is never readable by others), and the public key
    /// line to <paramref name="path"/>.pub. Replaces existing files. On Windows there is no mode: the
    /// file inherits the directory's ACL.
    /// </summary>
    /// <exception cref="ArgumentException">The key was not made or loaded by <see cref="KeyFile"/>.</exception>
    public static void Save(IHostKey key, string path, string comment)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(path);
        comment ??= string.Empty;
        if (key is not IOpenSshPrivateKey exportable)
        {
            throw new ArgumentException("Only keys from KeyFile.Generate or KeyFile.Load can be saved.", nameof(key));
        }

        var text = OpenSshKeyWriter.WritePrivateKey(exportable, comment);
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var stream = new FileStream(path, options))
        {
            // UnixCreateMode only applies to a new file; an existing one keeps its mode, so set it too.
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(stream.SafeFileHandle, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }

            var bytes = Encoding.ASCII.GetBytes(text);
            stream.Write(bytes);
            CryptographicOperations.ZeroMemory(bytes);
        }

        File.WriteAllText(path + ".pub", FormatPublicKey(key.KeyType, key.PublicKeyBlob, comment) + "\n");
    }

    /// <summary>The <c>.pub</c> / authorized_keys line: <c>type base64(blob) comment</c>, no newline.</summary>
    public static string FormatPublicKey(string keyType, ReadOnlySpan<byte> publicKeyBlob, string comment) =>
        OpenSshKeyWriter.WritePublicKeyLine(keyType, publicKeyBlob, comment);

    /// <summary>
    /// The SHA-256 fingerprint of a public key blob as ssh-keygen -l prints it:
    /// <c>SHA256:</c> followed by unpadded base64 of SHA-256(blob).
    /// </summary>
    public static string Fingerprint(ReadOnlySpan<byte> publicKeyBlob)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(publicKeyBlob, hash);
        return "SHA256:" + Convert.ToBase64String(hash).TrimEnd('=');
    }

    /// <summary>Reads a private key from file text; <paramref name="source"/> names it in error messages.</summary>
    internal static IHostKey Parse(string text, string source) =>
        text.Contains(OpenSshKeyFormat.BeginMarker, StringComparison.Ordinal)
            ? OpenSshKeyReader.Read(text, source)
            : PemKeyReader.Read(text, source);
}
