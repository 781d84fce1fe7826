using System.Security.Cryptography;
using System.Text;
using Warren.Ssh.Keys;
using Warren.Ssh.Wire;

namespace Warren.Ssh.Tests.Keys;

/// <summary>
/// Signatures made by the real OpenSSH (ssh-keygen -Y sign, PROTOCOL.sshsig) checked with
/// <see cref="SignatureVerifier"/>: the other direction of the interop tests, where OpenSSH checks ours.
/// </summary>
public sealed class SshSigInteropTests : IDisposable
{
    private const string Namespace = "warren-test";

    private readonly SshKeygen _keygen = new();

    public void Dispose() => _keygen.Dispose();

    [Theory]
    [InlineData("ed25519", 0, "ssh-ed25519")]
    [InlineData("ecdsa", 256, "ecdsa-sha2-nistp256")]
    [InlineData("ecdsa", 384, "ecdsa-sha2-nistp384")]
    [InlineData("ecdsa", 521, "ecdsa-sha2-nistp521")]
    [InlineData("rsa", 2048, "rsa-sha2-512")]
    public void Verify_SshKeygenSignature_ReturnsTrue(string type, int bits, string algorithm)
    {
        var keyPath = _keygen.Generate("signer", type, bits);
        var message = _keygen.PathOf("message");
        File.WriteAllText(message, "relay me");
        SshKeygen.Run("-Y", "sign", "-f", keyPath, "-n", Namespace, message);

        var (publicKey, signedData, signature) = ParseSshSig(File.ReadAllText(message + ".sig"), "relay me"u8);

        Assert.Equal(KeyFile.Load(keyPath).PublicKeyBlob, publicKey);
        Assert.True(SignatureVerifier.Verify(publicKey, signature, signedData, algorithm));
        signedData[^1] ^= 1;
        Assert.False(SignatureVerifier.Verify(publicKey, signature, signedData, algorithm));
    }

    [Theory]
    [InlineData("ed25519", "ssh-ed25519")]
    [InlineData("ecdsa", "ecdsa-sha2-nistp256")]
    [InlineData("rsa", "rsa-sha2-512")]
    public void SshKeygenSign_WithKeySavedByWarren_ProducesSignatureWeVerify(string type, string algorithm)
    {
        // ssh-keygen must use every private field we wrote (d, CRT values, seed), not just the public half.
        var key = KeyFile.Generate(type);
        var keyPath = _keygen.PathOf("warren_signer");
        KeyFile.Save(key, keyPath, "warren");
        var message = _keygen.PathOf("message");
        File.WriteAllText(message, "relay me");
        SshKeygen.Run("-Y", "sign", "-f", keyPath, "-n", Namespace, message);

        var (publicKey, signedData, signature) = ParseSshSig(File.ReadAllText(message + ".sig"), "relay me"u8);

        Assert.Equal(key.PublicKeyBlob, publicKey);
        Assert.True(SignatureVerifier.Verify(publicKey, signature, signedData, algorithm));
    }

    /// <summary>PROTOCOL.sshsig: returns the key, the bytes the signature covers, and the signature blob.</summary>
    private static (byte[] PublicKey, byte[] SignedData, byte[] Signature) ParseSshSig(string armoured, ReadOnlySpan<byte> message)
    {
        var body = string.Concat(armoured.Split('\n').Where(l => l.Length > 0 && !l.StartsWith("-----", StringComparison.Ordinal)));
        var blob = Convert.FromBase64String(body);
        Assert.Equal("SSHSIG", Encoding.ASCII.GetString(blob, 0, 6));
        var reader = new SshReader(blob.AsSpan(6));
        Assert.True(reader.TryReadUInt32(out var version));
        Assert.Equal(1u, version);
        Assert.True(reader.TryReadString(out var publicKey));
        Assert.True(reader.TryReadUtf8(out var ns));
        Assert.True(reader.TryReadString(out var reserved));
        Assert.True(reader.TryReadUtf8(out var hashAlgorithm));
        Assert.True(reader.TryReadString(out var signature));
        Assert.Equal(Namespace, ns);

        var digest = hashAlgorithm == "sha512" ? SHA512.HashData(message) : SHA256.HashData(message);
        var signed = new SshBlobBuilder();
        signed.WriteBytes("SSHSIG"u8);
        signed.WriteString(ns);
        signed.WriteString(reserved);
        signed.WriteString(hashAlgorithm);
        signed.WriteString(digest);
        return (publicKey.ToArray(), signed.ToArray(), signature.ToArray());
    }
}
