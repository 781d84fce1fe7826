using Warren.Ssh.Wire;

namespace Warren.Ssh.Connection;

/// <summary>
/// SSH_MSG_REQUEST_SUCCESS (RFC 4254 §4, §7.1): the answer to a global request with want reply.
/// For <c>tcpip-forward</c> with port 0 it carries <c>uint32 port that was bound</c>; OpenSSH sends
/// the port only when it allocated one, and nothing otherwise.
/// </summary>
/// <param name="BoundPort">The allocated port, or null when the message has no data.</param>
public readonly record struct RequestSuccess(uint? BoundPort)
{
    /// <summary>
    /// Reads the message: no data, or exactly one uint32. Anything else is malformed for every
    /// request Warren sends. Answers that match no outstanding request are the caller's to drop or
    /// refuse (CVE-2026-39830: never let them queue).
    /// </summary>
    public static bool TryRead(ReadOnlySpan<byte> payload, out RequestSuccess message)
    {
        message = default;
        if (!ConnectionWire.TryStart(payload, SshMessageNumber.RequestSuccess, out var reader))
        {
            return false;
        }

        if (reader.Remaining == 0)
        {
            return true;
        }

        if (!reader.TryReadUInt32(out var port) || reader.Remaining != 0)
        {
            return false;
        }

        message = new RequestSuccess(port);
        return true;
    }

    /// <summary>Size of the message: 1 byte, or 5 with a port.</summary>
    public int GetSize() => BoundPort.HasValue ? 5 : 1;

    /// <summary>Writes the message and returns its size.</summary>
    public int WriteTo(Span<byte> destination)
    {
        var writer = new SshWriter(destination);
        writer.WriteByte(SshMessageNumber.RequestSuccess);
        if (BoundPort is { } port)
        {
            writer.WriteUInt32(port);
        }

        return writer.Position;
    }
}
