using Warren.Ssh.Crypto;
using Warren.Ssh.Keys;

namespace Warren.Ssh.Tests.Keys;

/// <summary>Key files against the real ssh-keygen: what it writes we read, what we write it reads.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class KeyFileTests : IDisposable
{
    private readonly SshKeygen _keygen = new();

    public void Dispose() => _keygen.Dispose();

    [Theory]
    [InlineData("ed25519", 0, "ssh-ed25519")]
    [InlineData("ecdsa", 256, "ecdsa-sha2-nistp256")]
    [InlineData("ecdsa", 384, "ecdsa-sha2-nistp384")]
    [InlineData("ecdsa", 521, "ecdsa-sha2-nistp521")]
    [InlineData("rsa", 3072, "ssh-rsa")]
    public void Load_SshKeygenOpenSshKey_PublicBlobMatchesSshKeygenY(string type, int bits, string keyType)
    {
        var path = _keygen.Generate("id", type, bits);
        Assert.StartsWith("-----BEGIN OPENSSH PRIVATE KEY-----", File.ReadAllText(path), StringComparison.Ordinal);

        var key = KeyFile.Load(path);

        Assert.Equal(keyType, key.KeyType);
        Assert.Equal(SshKeygen.PublicBlobOf(path), key.PublicKeyBlob);
    }

    [Theory]
    [InlineData("rsa", 2048, "PEM", "-----BEGIN RSA PRIVATE KEY-----")]
    [InlineData("ecdsa", 256, "PEM", "-----BEGIN EC PRIVATE KEY-----")]
    [InlineData("ecdsa", 521, "PEM", "-----BEGIN EC PRIVATE KEY-----")]
    [InlineData("rsa", 2048, "PKCS8", "-----BEGIN PRIVATE KEY-----")]
    [InlineData("ecdsa", 384, "PKCS8", "-----BEGIN PRIVATE KEY-----")]
    public void Load_SshKeygenPemKey_PublicBlobMatchesSshKeygenY(string type, int bits, string format, string header)
    {
        var path = _keygen.Generate("id", type, bits, "-m", format);
        Assert.StartsWith(header, File.ReadAllText(path), StringComparison.Ordinal);

        var key = KeyFile.Load(path);

        Assert.Equal(SshKeygen.PublicBlobOf(path), key.PublicKeyBlob);
    }

    [Theory]
    [InlineData("ed25519")]
    [InlineData("ecdsa")]
    [InlineData("rsa")]
    public void Save_GeneratedKey_SshKeygenReadsItAndModeIs0600(string type)
    {
        var key = KeyFile.Generate(type);
        var path = _keygen.PathOf("warren_" + type);

        KeyFile.Save(key, path, "warren@test");

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        Assert.Equal(key.PublicKeyBlob, SshKeygen.PublicBlobOf(path));
        var pub = File.ReadAllText(path + ".pub").TrimEnd('\n').Split(' ');
        Assert.Equal(key.KeyType, pub[0]);
        Assert.Equal(key.PublicKeyBlob, Convert.FromBase64String(pub[1]));
        Assert.Equal("warren@test", pub[2]);
        Assert.Equal(key.PublicKeyBlob, KeyFile.Load(path).PublicKeyBlob);
    }

    [Fact]
    public void Save_OverExistingWorldReadableFile_TightensModeTo0600()
    {
        var path = _keygen.PathOf("existing");
        File.WriteAllText(path, "old");
        File.SetUnixFileMode(path, (UnixFileMode)0b110_100_100);

        KeyFile.Save(KeyFile.Generate("ed25519"), path, string.Empty);

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        _ = SshKeygen.PublicBlobOf(path);
    }

    [Theory]
    [InlineData("ed25519", 0)]
    [InlineData("ecdsa", 384)]
    [InlineData("rsa", 2048)]
    public void Fingerprint_SshKeygenKey_EqualsSshKeygenL(string type, int bits)
    {
        var path = _keygen.Generate("fp", type, bits);
        var expected = SshKeygen.Run("-l", "-E", "sha256", "-f", path + ".pub").Split(' ')[1];

        Assert.Equal(expected, KeyFile.Fingerprint(KeyFile.Load(path).PublicKeyBlob));
    }

    [Fact]
    public void Fingerprint_WarrenSavedKey_EqualsSshKeygenL()
    {
        var key = KeyFile.Generate("ecdsa");
        var path = _keygen.PathOf("fp_warren");
        KeyFile.Save(key, path, "c");

        var expected = SshKeygen.Run("-l", "-f", path + ".pub").Split(' ')[1];

        Assert.Equal(expected, KeyFile.Fingerprint(key.PublicKeyBlob));
    }

    [Theory]
    [InlineData("ed25519", 0, "")]
    [InlineData("rsa", 2048, "PEM")]
    [InlineData("ecdsa", 256, "PKCS8")]
    public void Load_EncryptedKey_ThrowsNotSupportedWithFix(string type, int bits, string format)
    {
        var path = _keygen.PathOf("encrypted");
        var arguments = new List<string> { "-q", "-t", type, "-N", "correct horse", "-f", path };
        if (bits > 0)
        {
            arguments.AddRange(["-b", bits.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        }

        if (format.Length > 0)
        {
            arguments.AddRange(["-m", format]);
        }

        SshKeygen.Run([.. arguments]);

        var error = Assert.Throws<NotSupportedException>(() => KeyFile.Load(path));
        Assert.Contains("ssh-keygen -p", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("hello, I am not a key")]
    [InlineData("-----BEGIN OPENSSH PRIVATE KEY-----\n!!!!\n-----END OPENSSH PRIVATE KEY-----\n")]
    [InlineData("-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEA\n-----END OPENSSH PRIVATE KEY-----\n")]
    [InlineData("-----BEGIN OPENSSH PRIVATE KEY-----\nAAAA\n-----END OPENSSH PRIVATE KEY-----\n")]
    [InlineData("-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----\n")]
    [InlineData("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n")]
    [InlineData("-----BEGIN OPENSSH PRIVATE KEY-----END OPENSSH PRIVATE KEY-----\n")] // markers sharing dashes (found by AFL)
    public void Load_Garbage_ThrowsInvalidDataOrNotSupported(string text)
    {
        var path = _keygen.PathOf("garbage");
        File.WriteAllText(path, text);

        var error = Record.Exception(() => KeyFile.Load(path));

        Assert.True(error is InvalidDataException or NotSupportedException, error?.ToString());
        Assert.Contains(path, error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_TruncatedOrBitFlippedKey_ThrowsInvalidData()
    {
        var key = KeyFile.Generate("ed25519");
        var path = _keygen.PathOf("damaged");
        KeyFile.Save(key, path, "c");
        var lines = File.ReadAllLines(path);

        // Drop the last base64 line: the private section runs past the end.
        File.WriteAllLines(path, [.. lines[..^2], lines[^1]]);
        Assert.Throws<InvalidDataException>(() => KeyFile.Load(path));

        // Cut the container at a 4-character boundary so the base64 stays valid but the data ends early.
        var joined = string.Concat(lines[1..^1]);
        for (var cut = 4; cut < joined.Length; cut += 24)
        {
            File.WriteAllText(path, $"{lines[0]}\n{joined[..cut]}\n{lines[^1]}\n");
            Assert.Throws<InvalidDataException>(() => KeyFile.Load(path));
        }

        // Change one character inside the private section: the check, key or padding no longer fit.
        var body = lines[3].ToCharArray();
        body[10] = body[10] == 'A' ? 'B' : 'A';
        lines[3] = new string(body);
        File.WriteAllLines(path, lines);
        var error = Record.Exception(() => KeyFile.Load(path));
        Assert.True(error is InvalidDataException or NotSupportedException, error?.ToString());
    }

    [Theory]
    [InlineData("rsa", 2048)]
    [InlineData("ecdsa", 256)]
    public void Load_TwoPemKeysInOneFile_ThrowsInvalidDataWithFix(string type, int bits)
    {
        // Found while fuzzing (tests/Warren.Fuzz, target host-key): ImportFromPem threw a bare ArgumentException.
        var path = _keygen.Generate("two", type, bits, "-m", "PEM");
        var pem = File.ReadAllText(path);
        File.WriteAllText(path, pem + pem);

        var error = Assert.Throws<InvalidDataException>(() => KeyFile.Load(path));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("more than one PEM block", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_Pkcs8EcKeyWithBadExplicitTag_ThrowsDocumentedException()
    {
        // Found by AFL (tests/Warren.Fuzz, target host-key): BouncyCastle's ASN.1 reader threw
        // InvalidOperationException ("unexpected explicit encoding") out of the PKCS#8 fallback.
        var path = _keygen.PathOf("damaged-pkcs8");
        File.WriteAllText(path, "-----BEGIN PRIVATE KEY-----\nMIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgIS8P/OGI67V4lIe5\nTj6DoP/IrqjSzGXzMcR7lxzj5kChRBNCAASGZCBeF0rydRU+yjAdZ5qb1C39dGoQ\ngfgC99EY5r79LIJdEv8YuQEUaDFIXLFE1LOuNW4yel1eHhck40yj/2sT\n-----END PRIVATE KEY-----\n");

        var error = Record.Exception(() => KeyFile.Load(path));

        Assert.True(error is InvalidDataException or NotSupportedException, error?.ToString());
        Assert.Contains(path, error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_SmallRsaKey_ThrowsNotSupportedWithFix()
    {
        var path = _keygen.Generate("small", "rsa", 1024);
        var error = Assert.Throws<NotSupportedException>(() => KeyFile.Load(path));
        Assert.Contains("1024", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_OpenSslPkcs8Ed25519_PublicKeyMatchesOpenSsl()
    {
        // ssh-keygen 9.2 cannot write or read PKCS#8 Ed25519, so openssl is the reference here.
        var path = _keygen.PathOf("ed25519.pem");
        SshKeygen.RunTool("openssl", "genpkey", "-algorithm", "ed25519", "-out", path);
        var spki = _keygen.PathOf("ed25519.pub.der");
        SshKeygen.RunTool("openssl", "pkey", "-in", path, "-pubout", "-outform", "DER", "-out", spki);

        var key = (Ed25519HostKey)KeyFile.Load(path);

        Assert.Equal(File.ReadAllBytes(spki)[^32..], key.PublicKey.ToArray());
    }

    [Fact]
    public void Load_Pkcs8KeyOnNonSshCurve_ThrowsNotSupported()
    {
        var path = _keygen.PathOf("k1.pem");
        SshKeygen.RunTool("openssl", "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:secp256k1", "-out", path);

        var error = Assert.Throws<NotSupportedException>(() => KeyFile.Load(path));
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Generate_UnknownType_ThrowsArgumentException()
    {
        Assert.Throws<ArgumentException>(() => KeyFile.Generate("dsa"));
    }

    [Fact]
    public void FormatPublicKey_Ed25519_MatchesPubLineShape()
    {
        IHostKey key = KeyFile.Generate("ed25519");
        var line = KeyFile.FormatPublicKey(key.KeyType, key.PublicKeyBlob, "me@host");
        Assert.Matches("^ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI[A-Za-z0-9+/]{43} me@host$", line);
    }
}
