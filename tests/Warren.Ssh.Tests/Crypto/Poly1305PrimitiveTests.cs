using System.Text;
using Warren.Ssh.Crypto.Ciphers;

namespace Warren.Ssh.Tests.Crypto;

/// <summary>RFC 8439 §2.5.2 and Appendix A.3 Poly1305 vectors, for both primitive layers.</summary>
public sealed class Poly1305PrimitiveTests
{
    public static TheoryData<bool, string, string, string> Vectors()
    {
        var rows = new (string Name, string Key, string Message, string Tag)[]
        {
            ("2.5.2", "85d6be7857556d337f4452fe42d506a80103808afb0db2fd4abff6af4149f51b",
                Convert.ToHexString(Encoding.ASCII.GetBytes("Cryptographic Forum Research Group")),
                "a8061dc1305136c6c22b8baf0c0127a9"),
            ("A.3 #1", new string('0', 64), new string('0', 128), new string('0', 32)),
            ("A.3 #5", "02" + new string('0', 62), new string('f', 32), "03" + new string('0', 30)),
            ("A.3 #6", "02" + new string('0', 30) + new string('f', 32), "02" + new string('0', 30),
                "03" + new string('0', 30)),
            ("A.3 #7", "01" + new string('0', 62),
                new string('f', 32) + "f0" + new string('f', 30) + "11" + new string('0', 30),
                "05" + new string('0', 30)),
            ("A.3 #8", "01" + new string('0', 62),
                new string('f', 32) + "fb" + string.Concat(Enumerable.Repeat("fe", 15)) + string.Concat(Enumerable.Repeat("01", 16)),
                new string('0', 32)),
            ("A.3 #9", "02" + new string('0', 62), "fd" + new string('f', 30), "fa" + new string('f', 30)),
            ("A.3 #10", "0100000000000000040000000000000000000000000000000000000000000000",
                "e33594d7505e43b90000000000000000" + "3394d7505e4379cd0100000000000000" +
                new string('0', 32) + "01000000000000000000000000000000",
                "14000000000000005500000000000000"),
            ("A.3 #11", "0100000000000000040000000000000000000000000000000000000000000000",
                "e33594d7505e43b90000000000000000" + "3394d7505e4379cd0100000000000000" + new string('0', 32),
                "13000000000000000000000000000000"),
        };

        var data = new TheoryData<bool, string, string, string>();
        foreach (bool useLibCrypto in LibCrypto.IsAvailable ? new[] { false, true } : [false])
        {
            foreach ((string _, string key, string message, string tag) in rows)
            {
                data.Add(useLibCrypto, key, message, tag);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Poly1305_Rfc8439Vector_MatchesTag(bool useLibCrypto, string key, string message, string tag)
    {
        using IPoly1305 poly = useLibCrypto ? new OpenSslPoly1305() : new BouncyCastlePoly1305();
        var actual = new byte[16];

        poly.Compute(Convert.FromHexString(key), Convert.FromHexString(message), actual);

        Assert.Equal(tag, Convert.ToHexStringLower(actual), ignoreCase: true);
    }

    [Fact]
    public void Poly1305_ReusedContext_RekeysPerMessage()
    {
        Assert.True(LibCrypto.IsAvailable, "libcrypto 3 is expected on the Linux test machines.");
        using var poly = new OpenSslPoly1305();
        var random = new Random(3);
        var first = new byte[16];
        var second = new byte[16];
        byte[] key = CipherTestPackets.Bytes(random, 32);
        byte[] message = CipherTestPackets.Bytes(random, 100);

        poly.Compute(key, message, first);
        poly.Compute(CipherTestPackets.Bytes(random, 32), message, second);
        poly.Compute(key, message, second);

        Assert.Equal(first, second);
    }
}
