using System.Security.Cryptography;

namespace Warren.LoadGen.Scenarios;

/// <summary>
/// The bytes every transfer carries: one pseudo-random block, repeated. Random so that no
/// compression or pattern helps either server; repeated so that producing it costs nothing.
/// </summary>
internal static class BytePattern
{
    public const int BlockSize = 1024 * 1024;

    public static byte[] Block { get; } = Make();

    /// <summary>SHA-256 of the first <paramref name="length"/> bytes of the repeated block.</summary>
    public static byte[] Hash(long length)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        for (var left = length; left > 0; left -= BlockSize)
        {
            hash.AppendData(Block, 0, (int)Math.Min(BlockSize, left));
        }

        return hash.GetHashAndReset();
    }

    private static byte[] Make()
    {
        var block = new byte[BlockSize];
        new Random(20261126).NextBytes(block);
        return block;
    }
}
