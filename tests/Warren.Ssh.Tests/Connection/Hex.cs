namespace Warren.Ssh.Tests.Connection;

/// <summary>Hand-written hex for expected wire bytes; spaces and <c>|</c> separate fields.</summary>
internal static class Hex
{
    public static byte[] Parse(string text) =>
        Convert.FromHexString(text.Replace(" ", string.Empty, StringComparison.Ordinal).Replace("|", string.Empty, StringComparison.Ordinal));

    public static byte[] Write(int size, WriteAction write)
    {
        var buffer = new byte[size];
        var written = write(buffer);
        Assert.Equal(size, written);
        return buffer;
    }

    public delegate int WriteAction(Span<byte> destination);
}
