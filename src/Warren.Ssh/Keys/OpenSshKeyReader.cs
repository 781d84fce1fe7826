using System.Security.Cryptography;
using Org.BouncyCastle.Math.EC.Rfc8032;
using Warren.Ssh.Crypto;
using Warren.Ssh.Wire;

namespace Warren.Ssh.Keys;

/// <summary>
/// Reads unencrypted openssh-key-v1 private keys (OpenSSH PROTOCOL.key) holding one ed25519,
/// ecdsa-sha2-nistp256/384/521 or ssh-rsa key. Local files only: errors throw
/// <see cref="InvalidDataException"/> (damaged) or <see cref="NotSupportedException"/> (valid but
/// not handled here) with a message that says how to fix the file.
/// </summary>
internal static class OpenSshKeyReader
{
    public static IHostKey Read(string text, string source)
    {
        var container = DecodeArmour(text, source);
        try
        {
            return ReadContainer(container, source);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(container);
        }
    }

    private static byte[] DecodeArmour(string text, string source)
    {
        var begin = text.IndexOf(OpenSshKeyFormat.BeginMarker, StringComparison.Ordinal);

        // The END line is looked for after the whole BEGIN line: the two share dashes, so an END
        // found from the start could overlap the BEGIN (found by fuzzing, target host-key).
        var bodyStart = begin < 0 ? -1 : begin + OpenSshKeyFormat.BeginMarker.Length;
        var end = bodyStart < 0 ? -1 : text.IndexOf(OpenSshKeyFormat.EndMarker, bodyStart, StringComparison.Ordinal);
        if (end < 0)
        {
            throw Damaged(source, "the BEGIN/END OPENSSH PRIVATE KEY lines are missing or out of order");
        }

        var body = text[bodyStart..end];
        try
        {
            return Convert.FromBase64String(body);
        }
        catch (FormatException)
        {
            throw Damaged(source, "the text between the BEGIN and END lines is not valid base64");
        }
    }

    private static IHostKey ReadContainer(ReadOnlySpan<byte> data, string source)
    {
        if (!data.StartsWith(OpenSshKeyFormat.Magic))
        {
            throw Damaged(source, "it does not start with the openssh-key-v1 magic");
        }

        var reader = new SshReader(data[OpenSshKeyFormat.Magic.Length..]);
        if (!reader.TryReadUtf8(out var cipher) || !reader.TryReadUtf8(out var kdf) || !reader.TryReadString(out _))
        {
            throw Damaged(source, "the header is truncated");
        }

        if (cipher != "none" || kdf != "none")
        {
            throw new NotSupportedException(
                $"The private key {source} is encrypted ({cipher}, {kdf}); encrypted keys are not supported: " +
                $"remove the passphrase with ssh-keygen -p -N '' -f {source}");
        }

        if (!reader.TryReadUInt32(out var count) || count != 1)
        {
            throw new NotSupportedException($"The private key file {source} holds {count} keys; it must hold exactly one.");
        }

        if (!reader.TryReadString(out var publicBlob) || !reader.TryReadString(out var section))
        {
            throw Damaged(source, "the public key or the private section is truncated");
        }

        if (section.Length % OpenSshKeyFormat.UnencryptedBlockSize != 0)
        {
            throw Damaged(source, "the private section is not padded to a multiple of 8 bytes");
        }

        var key = ReadPrivateSection(section, source);
        if (!key.PublicKeyBlob.AsSpan().SequenceEqual(publicBlob))
        {
            throw Damaged(source, "the public key does not match the private key");
        }

        return key;
    }

    private static IHostKey ReadPrivateSection(ReadOnlySpan<byte> section, string source)
    {
        var reader = new SshReader(section);
        if (!reader.TryReadUInt32(out var check1) || !reader.TryReadUInt32(out var check2) || check1 != check2)
        {
            throw Damaged(source, "the check integers differ, so the key is encrypted or corrupt");
        }

        if (!reader.TryReadUtf8(out var keyType))
        {
            throw Damaged(source, "the key type is truncated");
        }

        IHostKey key = keyType switch
        {
            Ed25519HostKey.Name => ReadEd25519(ref reader, source),
            RsaHostKey.Name => ReadRsa(ref reader, source),
            _ when EcdsaCurve.FromKeyType(keyType) is { } curve => ReadEcdsa(ref reader, curve, source),
            _ => throw new NotSupportedException(
                $"The private key {source} is of type '{keyType}'; use ssh-ed25519, ecdsa-sha2-nistp256/384/521 or ssh-rsa " +
                "(for example ssh-keygen -t ed25519)."),
        };

        if (!reader.TryReadString(out _))
        {
            throw Damaged(source, "the comment is missing");
        }

        // Padding is 1, 2, 3, ... (PROTOCOL.key); anything else means a damaged file.
        var padding = reader.Rest;
        for (var i = 0; i < padding.Length; i++)
        {
            if (padding[i] != (byte)(i + 1))
            {
                throw Damaged(source, "the padding after the private key is wrong");
            }
        }

        return key;
    }

    private static Ed25519HostKey ReadEd25519(ref SshReader reader, string source)
    {
        if (!reader.TryReadString(out var publicKey) || !reader.TryReadString(out var secret)
            || publicKey.Length != Ed25519.PublicKeySize || secret.Length != Ed25519.SecretKeySize + Ed25519.PublicKeySize)
        {
            throw Damaged(source, "the ed25519 key fields have the wrong lengths");
        }

        var key = new Ed25519HostKey(secret[..Ed25519.SecretKeySize]);
        if (!key.PublicKey.SequenceEqual(publicKey) || !secret[Ed25519.SecretKeySize..].SequenceEqual(publicKey))
        {
            throw Damaged(source, "the ed25519 public key does not belong to the private seed");
        }

        return key;
    }

    private static EcdsaHostKey ReadEcdsa(ref SshReader reader, EcdsaCurve curve, string source)
    {
        if (!reader.TryReadUtf8(out var identifier) || !reader.TryReadString(out var point) || !reader.TryReadMPInt(out var d))
        {
            throw Damaged(source, "the ECDSA key fields are truncated");
        }

        if (identifier != curve.Identifier || !curve.TryDecodePoint(point, out var q))
        {
            throw Damaged(source, $"the curve or point does not match {curve.KeyType}");
        }

        var scalar = KeyMath.LeftPad(d, curve.FieldSize)
            ?? throw Damaged(source, "the ECDSA private scalar is longer than the curve");
        try
        {
            return new EcdsaHostKey(ECDsa.Create(new ECParameters { Curve = curve.Curve, Q = q, D = scalar }));
        }
        catch (CryptographicException ex)
        {
            throw new InvalidDataException($"The private key {source} is damaged: the ECDSA key is invalid ({ex.Message}).", ex);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(scalar);
        }
    }

    private static RsaHostKey ReadRsa(ref SshReader reader, string source)
    {
        if (!reader.TryReadMPInt(out var n) || !reader.TryReadMPInt(out var e) || !reader.TryReadMPInt(out var d)
            || !reader.TryReadMPInt(out var iqmp) || !reader.TryReadMPInt(out var p) || !reader.TryReadMPInt(out var q))
        {
            throw Damaged(source, "the RSA key fields are truncated");
        }

        var parameters = KeyMath.RsaParameters(n, e, d, iqmp, p, q)
            ?? throw Damaged(source, "the RSA key fields are inconsistent");
        var rsa = RSA.Create();
        try
        {
            rsa.ImportParameters(parameters);
        }
        catch (CryptographicException ex)
        {
            rsa.Dispose();
            throw new InvalidDataException($"The private key {source} is damaged: the RSA key is invalid ({ex.Message}).", ex);
        }
        finally
        {
            KeyMath.Wipe(parameters);
        }

        return PemKeyReader.FromRsa(rsa, source);
    }

    private static InvalidDataException Damaged(string source, string what) =>
        new($"The private key {source} is not a valid openssh-key-v1 file: {what}. " +
            "Regenerate it with ssh-keygen -t ed25519, or convert it with ssh-keygen -p -f FILE.");
}
