namespace Warren.Ssh.Wire;

/// <summary>Small encoders for values that the key exchange builds once per connection.</summary>
public static class SshEncoding
{
    /// <summary>Encodes <paramref name="value"/> as an SSH <c>string</c> (length prefix and bytes).</summary>
    public static byte[] EncodeString(ReadOnlySpan<byte> value)
    {
        var result = new byte[4 + value.Length];
        var writer = new SshWriter(result);
        writer.WriteString(value);
        return result;
    }

    /// <summary>Encodes an unsigned big-endian integer as an SSH <c>mpint</c>, length prefix included.</summary>
    public static byte[] EncodeMPInt(ReadOnlySpan<byte> unsignedBigEndian)
    {
        var result = new byte[SshWriter.MPIntSize(unsignedBigEndian)];
        var writer = new SshWriter(result);
        writer.WriteMPInt(unsignedBigEndian);
        return result;
    }
}
