using System.Security.Cryptography;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Security;
using Warren.Ssh.Crypto;

namespace Warren.Ssh.Keys;

/// <summary>
/// Reads the PEM private keys that <c>ssh-keygen -m PEM</c> and <c>-m PKCS8</c> and openssl write:
/// "RSA PRIVATE KEY" (PKCS#1), "EC PRIVATE KEY" (SEC1) and "PRIVATE KEY" (PKCS#8, RSA, NIST EC or
/// Ed25519). Errors throw with a message that says how to fix the file.
/// </summary>
internal static class PemKeyReader
{
    public static IHostKey Read(string text, string source)
    {
        // Legacy encrypted PEM carries Proc-Type/DEK-Info headers, which PemEncoding does not parse.
        if (text.Contains("-----BEGIN ENCRYPTED PRIVATE KEY-----", StringComparison.Ordinal)
            || text.Contains("Proc-Type: 4,ENCRYPTED", StringComparison.Ordinal))
        {
            throw new NotSupportedException(
                $"The private key {source} is encrypted; encrypted keys are not supported: " +
                $"remove the passphrase with ssh-keygen -p -N '' -f {source}");
        }

        if (!PemEncoding.TryFind(text, out var fields))
        {
            throw new InvalidDataException(
                $"The private key {source} is neither an OpenSSH nor a PEM private key. " +
                "Make one with ssh-keygen -t ed25519 -N '' -f FILE.");
        }

        // One key a file, as the openssh-key-v1 reader demands: with two, which one serves would be a
        // guess (and ImportFromPem refuses them with an ArgumentException that says nothing of the file).
        if (PemEncoding.TryFind(text.AsSpan(fields.Location.End.GetOffset(text.Length)), out _))
        {
            throw new InvalidDataException(
                $"The private key file {source} holds more than one PEM block; keep exactly one private key in it.");
        }

        var block = text[fields.Location];
        var label = text[fields.Label];
        try
        {
            return label switch
            {
                "RSA PRIVATE KEY" => FromRsa(ImportRsa(block), source),
                "EC PRIVATE KEY" => FromEcdsa(ImportEcdsa(block), source),
                "PRIVATE KEY" => ReadPkcs8(Convert.FromBase64String(text[fields.Base64Data]), source),
                _ => throw new NotSupportedException(
                    $"The PEM block in {source} is a '{label}', not a private key Warren reads " +
                    "(RSA PRIVATE KEY, EC PRIVATE KEY, PRIVATE KEY or OPENSSH PRIVATE KEY)."),
            };
        }
        catch (CryptographicException ex)
        {
            throw new InvalidDataException($"The private key {source} could not be decoded: {ex.Message}. Check that the file is not damaged.", ex);
        }
    }

    private static RSA ImportRsa(string text)
    {
        var rsa = RSA.Create();
        try
        {
            rsa.ImportFromPem(text);
            return rsa;
        }
        catch
        {
            rsa.Dispose();
            throw;
        }
    }

    private static ECDsa ImportEcdsa(string text)
    {
        var ecdsa = ECDsa.Create();
        try
        {
            ecdsa.ImportFromPem(text);
            return ecdsa;
        }
        catch
        {
            ecdsa.Dispose();
            throw;
        }
    }

    /// <summary>PKCS#8 does not say the algorithm in its label: try RSA, then EC, then Ed25519.</summary>
    private static IHostKey ReadPkcs8(byte[] der, string source)
    {
        try
        {
            var rsa = RSA.Create();
            try
            {
                rsa.ImportPkcs8PrivateKey(der, out _);
                return FromRsa(rsa, source);
            }
            catch (CryptographicException)
            {
                rsa.Dispose();
            }

            var ecdsa = ECDsa.Create();
            try
            {
                ecdsa.ImportPkcs8PrivateKey(der, out _);
                return FromEcdsa(ecdsa, source);
            }
            catch (CryptographicException)
            {
                ecdsa.Dispose();
            }

            // The BCL has no Ed25519 (PROTOCOL-NOTES §3.2); BouncyCastle parses its PKCS#8 (RFC 8410).
            if (PrivateKeyFactory.CreateKey(der) is Ed25519PrivateKeyParameters ed25519)
            {
                var seed = ed25519.GetEncoded();
                try
                {
                    return new Ed25519HostKey(seed);
                }
                finally
                {
                    CryptographicOperations.ZeroMemory(seed);
                }
            }
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidCastException or IOException or SecurityUtilityException or InvalidOperationException)
        {
            // BouncyCastle's ASN.1 parser reports garbage with these (InvalidOperationException, e.g.
            // "unexpected explicit encoding" for a damaged EC key, found by fuzzing); fall through to one message.
        }
        finally
        {
            CryptographicOperations.ZeroMemory(der);
        }

        throw new NotSupportedException(
            $"The PKCS#8 key in {source} is not an RSA, NIST P-256/384/521 or Ed25519 key. Make one with ssh-keygen -t ed25519.");
    }

    internal static RsaHostKey FromRsa(RSA rsa, string source)
    {
        var bits = rsa.KeySize;
        if (bits < RsaHostKey.MinimumBits || bits > RsaHostKey.MaximumBits)
        {
            rsa.Dispose();
            throw new NotSupportedException(
                $"The RSA key {source} has {bits} bits; Warren needs {RsaHostKey.MinimumBits} to {RsaHostKey.MaximumBits}: " +
                "make a new one with ssh-keygen -t rsa -b 3072 (or better, -t ed25519).");
        }

        return new RsaHostKey(rsa);
    }

    private static EcdsaHostKey FromEcdsa(ECDsa ecdsa, string source)
    {
        var oid = ecdsa.ExportParameters(includePrivateParameters: false).Curve.Oid?.Value;
        if (oid is not ("1.2.840.10045.3.1.7" or "1.3.132.0.34" or "1.3.132.0.35"))
        {
            ecdsa.Dispose();
            throw new NotSupportedException(
                $"The EC key {source} is on curve {oid ?? "(explicit parameters)"}; SSH uses nistp256, nistp384 or nistp521. " +
                "Make one with ssh-keygen -t ecdsa -b 256.");
        }

        return new EcdsaHostKey(ecdsa);
    }
}
