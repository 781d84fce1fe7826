namespace Warren.Ssh.Connection;

/// <summary>
/// SSH_MSG_REQUEST_FAILURE (RFC 4254 §4): a refused or unknown global request. The message is the
/// number alone.
/// </summary>
public static class RequestFailure
{
    /// <summary>Size of the message.</summary>
    public const int Size = 1;

    /// <summary>True when <paramref name="payload"/> is exactly this message.</summary>
    public static bool TryRead(ReadOnlySpan<byte> payload) =>
        payload.Length == Size && payload[0] == SshMessageNumber.RequestFailure;

    /// <summary>Writes the message and returns its size.</summary>
    public static int WriteTo(Span<byte> destination)
    {
        destination[0] = SshMessageNumber.RequestFailure;
        return Size;
    }
}
