using System.Security.Cryptography;

namespace Warren.Ssh.Transport;

/// <summary>Key derivation of RFC 4253 §7.2: HASH(K || H || letter || session_id), extended by HASH(K || H || K1 ...).</summary>
internal static class KeyDerivation
{
    // sharedSecret is K as encoded on the wire (mpint or string), length prefix included.
    public static byte[] Derive(HashAlgorithmName hash, byte[] sharedSecret, byte[] exchangeHash, char letter, byte[] sessionId, int length)
    {
        var result = new byte[length];
        if (length == 0)
        {
            return result;
        }

        using var h = IncrementalHash.CreateHash(hash);
        h.AppendData(sharedSecret);
        h.AppendData(exchangeHash);
        h.AppendData([(byte)letter]);
        h.AppendData(sessionId);
        var block = h.GetHashAndReset();
        var filled = Math.Min(block.Length, length);
        block.AsSpan(0, filled).CopyTo(result);
        while (filled < length)
        {
            h.AppendData(sharedSecret);
            h.AppendData(exchangeHash);
            h.AppendData(result.AsSpan(0, filled));
            block = h.GetHashAndReset();
            var take = Math.Min(block.Length, length - filled);
            block.AsSpan(0, take).CopyTo(result.AsSpan(filled));
            filled += take;
        }

        return result;
    }
}
