using Warren.Ssh.Keys;
using Warren.Ssh.Wire;

namespace Warren.Ssh.Tests.Keys;

/// <summary>RFC 8032 §7.1 TEST 1, 2 and 3 through <see cref="Ed25519HostKey"/> and <see cref="SignatureVerifier"/>.</summary>
public sealed class Ed25519VectorTests
{
    public static TheoryData<string, string, string, string> Vectors() => new()
    {
        {
            "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60",
            "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a",
            "",
            "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b"
        },
        {
            "4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb",
            "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c",
            "72",
            "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00"
        },
        {
            "c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7",
            "fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025",
            "af82",
            "6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac18ff9b538d16f290ae67f760984dc6594a7c15e9716ed28dc027beceea1ec40a"
        },
    };

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Sign_Rfc8032Vector_ProducesTheExpectedSignature(string secret, string publicKey, string message, string signature)
    {
        var key = new Ed25519HostKey(Convert.FromHexString(secret));
        Assert.Equal(publicKey, Convert.ToHexStringLower(key.PublicKey));

        var blob = key.Sign("ssh-ed25519", Convert.FromHexString(message));

        var reader = new SshReader(blob);
        Assert.True(reader.TryReadUtf8(out var algorithm));
        Assert.True(reader.TryReadString(out var raw));
        Assert.Equal("ssh-ed25519", algorithm);
        Assert.Equal(signature, Convert.ToHexStringLower(raw));
        Assert.Equal(0, reader.Remaining);
    }

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Verify_Rfc8032Vector_ReturnsTrue(string secret, string publicKey, string message, string signature)
    {
        _ = secret;
        var keyBlob = Blob("ssh-ed25519", Convert.FromHexString(publicKey));
        var signatureBlob = Blob("ssh-ed25519", Convert.FromHexString(signature));
        Assert.True(SignatureVerifier.Verify(keyBlob, signatureBlob, Convert.FromHexString(message), "ssh-ed25519"));
    }

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Verify_Rfc8032VectorWithOtherMessage_ReturnsFalse(string secret, string publicKey, string message, string signature)
    {
        _ = secret;
        var keyBlob = Blob("ssh-ed25519", Convert.FromHexString(publicKey));
        var signatureBlob = Blob("ssh-ed25519", Convert.FromHexString(signature));
        Assert.False(SignatureVerifier.Verify(keyBlob, signatureBlob, Convert.FromHexString(message + "00"), "ssh-ed25519"));
    }

    [Fact]
    public void Verify_SignatureWithSPlusGroupOrder_ReturnsFalse()
    {
        // RFC 8032 §5.1.7: S must be below L; S + L verifies under a lax check (malleability).
        var key = Ed25519HostKey.Generate();
        var blob = key.Sign("ssh-ed25519", "m"u8);
        var signature = blob[^64..];
        var s = new System.Numerics.BigInteger(signature.AsSpan(32), isUnsigned: true);
        var order = System.Numerics.BigInteger.Parse("7237005577332262213973186563042994240857116359379907606001950938285454250989", System.Globalization.CultureInfo.InvariantCulture);
        var bumped = (s + order).ToByteArray(isUnsigned: true);
        Array.Clear(signature, 32, 32);
        bumped.CopyTo(signature, 32);

        Assert.False(SignatureVerifier.Verify(key.PublicKeyBlob, Blob("ssh-ed25519", signature), "m"u8, "ssh-ed25519"));
    }

    [Fact]
    public void Verify_IdentityPublicKeyWithTrivialSignature_ReturnsFalse()
    {
        // A = identity (small order), R = identity, S = 0 satisfies [S]B = R + [k]A for every message.
        var identity = new byte[32];
        identity[0] = 1;
        var signature = new byte[64];
        signature[0] = 1;

        Assert.False(SignatureVerifier.Verify(Blob("ssh-ed25519", identity), Blob("ssh-ed25519", signature), "any"u8, "ssh-ed25519"));
    }

    internal static byte[] Blob(string name, byte[] value)
    {
        var builder = new SshBlobBuilder();
        builder.WriteString(name);
        builder.WriteString(value);
        return builder.ToArray();
    }
}
