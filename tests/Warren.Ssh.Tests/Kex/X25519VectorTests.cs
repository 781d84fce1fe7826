using Org.BouncyCastle.Math.EC.Rfc7748;

namespace Warren.Ssh.Tests.Kex;

/// <summary>RFC 7748 §5.2 and §6.1 through the X25519 primitive the key exchanges use.</summary>
public sealed class X25519VectorTests
{
    [Theory]
    [InlineData(
        "a546e36bf0527c9d3b16154b82465edd62144c0ac1fc5a18506a2244ba449ac4",
        "e6db6867583030db3594c1a424b15f7c726624ec26b3353b10a903a6d0ab1c4c",
        "c3da55379de9c6908e94ea4df28d084f32eccf03491c71f754b4075577a28552")]
    [InlineData(
        "4b66e9d4d1b4673c5ad22691957d6af5c11b6421e0ea01d42ca4169e7918ba0d",
        "e5210f12786811d3f4b7959d0538ae2c31dbe7106fc03c3efc4cd549c715a493",
        "95cbde9476e8907d7aade45cb4b873f88b595a68799fa152e6f8f7647aac7957")]
    public void ScalarMult_Rfc7748Section52_MatchesVector(string scalar, string u, string expected)
    {
        var output = new byte[32];
        X25519.ScalarMult(Convert.FromHexString(scalar), Convert.FromHexString(u), output);
        Assert.Equal(expected, Convert.ToHexStringLower(output));
    }

    [Fact]
    public void ScalarMult_Rfc7748Section52Iterated1000_MatchesVector()
    {
        var k = Convert.FromHexString("0900000000000000000000000000000000000000000000000000000000000000");
        var u = (byte[])k.Clone();
        var next = new byte[32];
        for (var i = 1; i <= 1000; i++)
        {
            X25519.ScalarMult(k, u, next);
            u = k;
            k = (byte[])next.Clone();
            if (i == 1)
            {
                Assert.Equal("422c8e7a6227d7bca1350b3e2bb7279f7897b87bb6854b783c60e80311ae3079", Convert.ToHexStringLower(k));
            }
        }

        Assert.Equal("684cf59ba83309552800ef566f2f4d3c1c3887c49360e3875f2eb94d99532c51", Convert.ToHexStringLower(k));
    }

    [Fact]
    public void Agreement_Rfc7748Section61AliceAndBob_BothDeriveTheSameSecret()
    {
        var alicePrivate = Convert.FromHexString("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a");
        var bobPrivate = Convert.FromHexString("5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb");
        var alicePublic = new byte[32];
        var bobPublic = new byte[32];
        X25519.ScalarMultBase(alicePrivate, alicePublic);
        X25519.ScalarMultBase(bobPrivate, bobPublic);
        Assert.Equal("8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a", Convert.ToHexStringLower(alicePublic));
        Assert.Equal("de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f", Convert.ToHexStringLower(bobPublic));

        var aliceSecret = new byte[32];
        var bobSecret = new byte[32];
        Assert.True(X25519.CalculateAgreement(alicePrivate, bobPublic, aliceSecret));
        Assert.True(X25519.CalculateAgreement(bobPrivate, alicePublic, bobSecret));
        const string Shared = "4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742";
        Assert.Equal(Shared, Convert.ToHexStringLower(aliceSecret));
        Assert.Equal(Shared, Convert.ToHexStringLower(bobSecret));
    }

    [Fact]
    public void Curve25519KeyExchange_Rfc7748BobPublicValue_SecretIsMPIntOfRawOutput()
    {
        // RFC 8731 §3.1: K is the mpint of the 32 output bytes read big-endian. The RFC 7748 shared
        // secret starts with 0x4a (< 0x80), so its encoding is 00 00 00 20 || the 32 bytes.
        var expected = Convert.FromHexString("00000020" + "4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742");
        var raw = Convert.FromHexString("4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742");
        Assert.Equal(expected, Warren.Ssh.Wire.SshEncoding.EncodeMPInt(raw));
    }
}
