using Warren.Ssh.Wire;

namespace Warren.Ssh.Connection;

/// <summary>
/// The data of the <c>tcpip-forward</c> and <c>cancel-tcpip-forward</c> global requests
/// (RFC 4254 §7.1): <c>string address to bind, uint32 port to bind</c>.
/// </summary>
/// <param name="AddressToBind">
/// Exactly as the client sent it. The OpenSSH client accepts a later <c>forwarded-tcpip</c> open only
/// when its connected address repeats this string byte for byte, so it is never normalised here.
/// Special values (RFC 4254 §7.1): <c>""</c> all families, <c>0.0.0.0</c>, <c>::</c>,
/// <c>localhost</c>, <c>127.0.0.1</c>, <c>::1</c>.
/// </param>
/// <param name="PortToBind">0 asks the server to allocate a port (reply carries it).</param>
public readonly record struct TcpipForwardRequest(string AddressToBind, uint PortToBind)
{
    /// <summary>
    /// False when the port is above 65535. Such a request reads fine but must be refused
    /// (REQUEST_FAILURE), as sshd does.
    /// </summary>
    public bool PortIsValid => PortToBind <= ConnectionWire.MaxPort;

    /// <summary>
    /// Reads the request data handed out by <see cref="GlobalRequest.TryRead"/>. False means
    /// malformed (short, trailing bytes, bad UTF-8 or NUL in the address); OpenSSH disconnects on
    /// that, a lenient caller may answer REQUEST_FAILURE instead.
    /// </summary>
    public static bool TryReadData(ReadOnlySpan<byte> requestData, out TcpipForwardRequest request)
    {
        request = default;
        var reader = new SshReader(requestData);
        if (!ConnectionWire.TryReadText(ref reader, out var address)
            || !reader.TryReadUInt32(out var port)
            || reader.Remaining != 0)
        {
            return false;
        }

        request = new TcpipForwardRequest(address, port);
        return true;
    }

    /// <summary>Size of the whole GLOBAL_REQUEST that <see cref="WriteTo"/> writes.</summary>
    public int GetSize(bool cancel) => new GlobalRequest(Name(cancel), false).GetSize(ConnectionWire.StringSize(AddressToBind) + 4);

    /// <summary>
    /// Writes a whole GLOBAL_REQUEST, <c>tcpip-forward</c> or (when <paramref name="cancel"/>)
    /// <c>cancel-tcpip-forward</c>, and returns its size.
    /// </summary>
    public int WriteTo(Span<byte> destination, bool cancel, bool wantReply)
    {
        var writer = new SshWriter(destination);
        new GlobalRequest(Name(cancel), wantReply).WriteHeader(ref writer);
        writer.WriteUtf8(AddressToBind);
        writer.WriteUInt32(PortToBind);
        return writer.Position;
    }

    private static string Name(bool cancel) => cancel ? GlobalRequestNames.CancelTcpipForward : GlobalRequestNames.TcpipForward;
}
