using System.Numerics;
using System.Security.Cryptography;

namespace Warren.Ssh.Keys;

/// <summary>Byte and integer plumbing between SSH mpints and the BCL key parameter structs.</summary>
internal static class KeyMath
{
    /// <summary>Strips leading zeros and left-pads to <paramref name="size"/>; null when the value is longer.</summary>
    public static byte[]? LeftPad(ReadOnlySpan<byte> value, int size)
    {
        var start = 0;
        while (start < value.Length && value[start] == 0)
        {
            start++;
        }

        var trimmed = value[start..];
        if (trimmed.Length > size)
        {
            return null;
        }

        var result = new byte[size];
        trimmed.CopyTo(result.AsSpan(size - trimmed.Length));
        return result;
    }

    /// <summary>
    /// Builds <see cref="RSAParameters"/> from the OpenSSH fields, deriving dP = d mod (p-1) and
    /// dQ = d mod (q-1) and padding every field to the lengths the BCL requires (D as long as the
    /// modulus, the CRT values half of it). Null when p·q ≠ n, e·d ≢ 1 mod p-1 or q-1,
    /// iqmp·q ≢ 1 mod p, or a field is out of range.
    /// </summary>
    public static RSAParameters? RsaParameters(
        ReadOnlySpan<byte> n, ReadOnlySpan<byte> e, ReadOnlySpan<byte> d,
        ReadOnlySpan<byte> iqmp, ReadOnlySpan<byte> p, ReadOnlySpan<byte> q)
    {
        var modulus = new BigInteger(n, isUnsigned: true, isBigEndian: true);
        var primeP = new BigInteger(p, isUnsigned: true, isBigEndian: true);
        var primeQ = new BigInteger(q, isUnsigned: true, isBigEndian: true);
        var exponentD = new BigInteger(d, isUnsigned: true, isBigEndian: true);
        if (modulus.IsZero || primeP <= BigInteger.One || primeQ <= BigInteger.One || primeP * primeQ != modulus)
        {
            return null;
        }

        // A wrong d or iqmp makes CRT signatures faulty, and one faulty CRT signature reveals a
        // factor of n (Boneh-DeMillo-Lipton). Check them here rather than trust the platform to.
        var exponentE = new BigInteger(e, isUnsigned: true, isBigEndian: true);
        var inverseQ = new BigInteger(iqmp, isUnsigned: true, isBigEndian: true);
        var ed = exponentE * exponentD;
        if (ed % (primeP - BigInteger.One) != BigInteger.One || ed % (primeQ - BigInteger.One) != BigInteger.One
            || inverseQ * primeQ % primeP != BigInteger.One)
        {
            return null;
        }

        var modulusBytes = modulus.ToByteArray(isUnsigned: true, isBigEndian: true);
        var half = (modulusBytes.Length + 1) / 2;
        var dp = (exponentD % (primeP - BigInteger.One)).ToByteArray(isUnsigned: true, isBigEndian: true);
        var dq = (exponentD % (primeQ - BigInteger.One)).ToByteArray(isUnsigned: true, isBigEndian: true);

        var result = new RSAParameters
        {
            Modulus = modulusBytes,
            Exponent = Trim(e),
            D = LeftPad(d, modulusBytes.Length),
            P = LeftPad(p, half),
            Q = LeftPad(q, half),
            DP = LeftPad(dp, half),
            DQ = LeftPad(dq, half),
            InverseQ = LeftPad(iqmp, half),
        };
        CryptographicOperations.ZeroMemory(dp);
        CryptographicOperations.ZeroMemory(dq);

        if (result.Exponent.Length == 0 || result.D is null || result.P is null
            || result.Q is null || result.DP is null || result.DQ is null || result.InverseQ is null)
        {
            Wipe(result);
            return null;
        }

        return result;
    }

    /// <summary>Zeroes the private fields of <paramref name="parameters"/>.</summary>
    public static void Wipe(RSAParameters parameters)
    {
        CryptographicOperations.ZeroMemory(parameters.D);
        CryptographicOperations.ZeroMemory(parameters.P);
        CryptographicOperations.ZeroMemory(parameters.Q);
        CryptographicOperations.ZeroMemory(parameters.DP);
        CryptographicOperations.ZeroMemory(parameters.DQ);
        CryptographicOperations.ZeroMemory(parameters.InverseQ);
    }

    private static byte[] Trim(ReadOnlySpan<byte> value)
    {
        var start = 0;
        while (start < value.Length && value[start] == 0)
        {
            start++;
        }

        return value[start..].ToArray();
    }
}
