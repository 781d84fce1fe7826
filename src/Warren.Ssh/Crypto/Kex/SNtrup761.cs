using System.Security.Cryptography;
using Org.BouncyCastle.Pqc.Crypto.NtruPrime;

namespace Warren.Ssh.Crypto.Kex;

/// <summary>
/// Streamlined NTRU Prime sntrup761 (NIST round 3, as in OpenSSH sntrup761.c) through BouncyCastle.
/// Every 1158-byte string decodes to some public key, so there is no validation to fail.
/// </summary>
internal sealed class SNtrup761 : IPostQuantumKem
{
    private static readonly SNtruPrimeParameters Parameters = SNtruPrimeParameters.sntrup761;

    private SNtruPrimePrivateKeyParameters? _privateKey;

    public int PublicKeyLength => 1158;

    public int CiphertextLength => 1039;

    public int SecretLength => 32;

    public byte[] GenerateKeyPair()
    {
        var generator = new SNtruPrimeKeyPairGenerator();
        generator.Init(new SNtruPrimeKeyGenerationParameters(KexRandom.Instance, Parameters));
        var pair = generator.GenerateKeyPair();
        _privateKey = (SNtruPrimePrivateKeyParameters)pair.Private;
        return ((SNtruPrimePublicKeyParameters)pair.Public).GetEncoded();
    }

    public bool TryEncapsulate(ReadOnlySpan<byte> publicKey, Span<byte> ciphertext, Span<byte> secret)
    {
        if (publicKey.Length != PublicKeyLength || ciphertext.Length != CiphertextLength || secret.Length != SecretLength)
        {
            return false;
        }

        var key = new SNtruPrimePublicKeyParameters(Parameters, publicKey.ToArray());
        var generator = new SNtruPrimeKemGenerator(KexRandom.Instance);
        using var encapsulated = generator.GenerateEncapsulated(key);
        var kemSecret = encapsulated.GetSecret();
        var encapsulation = encapsulated.GetEncapsulation();
        try
        {
            if (kemSecret.Length != SecretLength || encapsulation.Length != CiphertextLength)
            {
                return false;
            }

            encapsulation.CopyTo(ciphertext);
            kemSecret.CopyTo(secret);
            return true;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(kemSecret);
        }
    }

    public bool TryDecapsulate(ReadOnlySpan<byte> ciphertext, Span<byte> secret)
    {
        var key = _privateKey ?? throw new InvalidOperationException("GenerateKeyPair must be called before decapsulating.");
        if (ciphertext.Length != CiphertextLength || secret.Length != SecretLength)
        {
            return false;
        }

        // Like ML-KEM, a forged ciphertext yields a pseudo-random secret instead of an error.
        var kemSecret = new SNtruPrimeKemExtractor(key).ExtractSecret(ciphertext.ToArray());
        try
        {
            if (kemSecret.Length != SecretLength)
            {
                return false;
            }

            kemSecret.CopyTo(secret);
            return true;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(kemSecret);
        }
    }

    public void Dispose() => _privateKey = null;
}
