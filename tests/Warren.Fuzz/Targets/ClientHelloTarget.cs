using Warren.Relay.Edge;

namespace Warren.Fuzz.Targets;

/// <summary>The first bytes a visitor sends to the TLS edge, read for the SNI, whole and in every shorter prefix a read may deliver.</summary>
internal static class ClientHelloTarget
{
    public static void Run(ReadOnlySpan<byte> data)
    {
        ClientHelloReader.TryReadServerName(data, out _);

        // The edge tries again after each read; a prefix must say NeedMoreData or a verdict, never throw.
        for (var length = 0; length < data.Length; length += 1 + (length / 8))
        {
            ClientHelloReader.TryReadServerName(data[..length], out _);
        }
    }
}
