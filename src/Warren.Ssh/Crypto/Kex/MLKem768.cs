using System.Security.Cryptography;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Kems;
using Org.BouncyCastle.Crypto.Parameters;

namespace Warren.Ssh.Crypto.Kex;

/// <summary>
/// ML-KEM-768 (FIPS 203) through BouncyCastle. The BCL <c>MLKem</c> needs OpenSSL 3.5, which the
/// Debian 12 machines lack (PROTOCOL-NOTES §3.2), so BouncyCastle serves everywhere.
/// </summary>
internal sealed class MLKem768 : IPostQuantumKem
{
    private static readonly MLKemParameters Parameters = MLKemParameters.ml_kem_768;

    private MLKemPrivateKeyParameters? _privateKey;

    public int PublicKeyLength => 1184;

    public int CiphertextLength => 1088;

    public int SecretLength => 32;

    public byte[] GenerateKeyPair()
    {
        var generator = new MLKemKeyPairGenerator();
        generator.Init(new MLKemKeyGenerationParameters(KexRandom.Instance, Parameters));
        var pair = generator.GenerateKeyPair();
        _privateKey = (MLKemPrivateKeyParameters)pair.Private;
        return ((MLKemPublicKeyParameters)pair.Public).GetEncoded();
    }

    public bool TryEncapsulate(ReadOnlySpan<byte> publicKey, Span<byte> ciphertext, Span<byte> secret)
    {
        if (publicKey.Length != PublicKeyLength || ciphertext.Length != CiphertextLength || secret.Length != SecretLength)
        {
            return false;
        }

        MLKemPublicKeyParameters key;
        try
        {
            // FromEncoding runs the FIPS 203 §7.2 modulus check (every coefficient < q) and throws
            // when it fails; OpenSSH does the same check through libcrux before encapsulating.
            key = MLKemPublicKeyParameters.FromEncoding(Parameters, publicKey.ToArray());
        }
        catch (ArgumentException)
        {
            return false;
        }

        var encapsulator = new MLKemEncapsulator(Parameters);
        encapsulator.Init(new ParametersWithRandom(key, KexRandom.Instance));
        encapsulator.Encapsulate(ciphertext, secret);
        return true;
    }

    public bool TryDecapsulate(ReadOnlySpan<byte> ciphertext, Span<byte> secret)
    {
        var key = _privateKey ?? throw new InvalidOperationException("GenerateKeyPair must be called before decapsulating.");
        if (ciphertext.Length != CiphertextLength || secret.Length != SecretLength)
        {
            return false;
        }

        // ML-KEM decapsulation never fails: a forged ciphertext yields a pseudo-random secret
        // (implicit rejection, FIPS 203 §6.3) and the exchange hash then fails to verify.
        var decapsulator = new MLKemDecapsulator(Parameters);
        decapsulator.Init(key);
        decapsulator.Decapsulate(ciphertext, secret);
        return true;
    }

    public void Dispose() => _privateKey = null;
}
