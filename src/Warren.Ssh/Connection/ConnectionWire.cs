using System.Text;
using Warren.Ssh.Wire;

namespace Warren.Ssh.Connection;

/// <summary>Field rules shared by the RFC 4254 message codecs in this folder.</summary>
internal static class ConnectionWire
{
    /// <summary>The largest TCP port; RFC 4254 carries ports as uint32, sshd refuses anything above.</summary>
    public const uint MaxPort = 65535;

    /// <summary>Checks the message number and returns a reader positioned after it.</summary>
    public static bool TryStart(ReadOnlySpan<byte> payload, byte messageNumber, out SshReader reader)
    {
        if (payload.IsEmpty || payload[0] != messageNumber)
        {
            reader = default;
            return false;
        }

        reader = new SshReader(payload[1..]);
        return true;
    }

    /// <summary>
    /// Reads a host, address, path, name or command: valid UTF-8 with no NUL. OpenSSH reads these
    /// with <c>sshpkt_get_cstring</c>, which refuses an embedded NUL; refusing it here too keeps a
    /// name that a C peer would truncate from meaning something else to us. Valid UTF-8 decodes and
    /// encodes back to the same bytes, so a string read here can be echoed exactly (RFC 4254 §7.1:
    /// the OpenSSH client matches the echoed bind address byte for byte).
    /// </summary>
    public static bool TryReadText(ref SshReader reader, out string value)
    {
        value = string.Empty;
        if (!reader.TryReadString(out var bytes) || bytes.Contains((byte)0) || !System.Text.Unicode.Utf8.IsValid(bytes))
        {
            return false;
        }

        value = bytes.IsEmpty ? string.Empty : Encoding.UTF8.GetString(bytes);
        return true;
    }

    /// <summary>
    /// Reads human-readable text (a description or language tag). Bad UTF-8 is replaced rather than
    /// refused: a peer's sloppy error text is no reason to end the connection.
    /// </summary>
    public static bool TryReadLenientText(ref SshReader reader, out string value)
    {
        value = string.Empty;
        if (!reader.TryReadString(out var bytes))
        {
            return false;
        }

        value = bytes.IsEmpty ? string.Empty : Encoding.UTF8.GetString(bytes);
        return true;
    }

    /// <summary>Encoded size of <paramref name="value"/> as an SSH <c>string</c>.</summary>
    public static int StringSize(string value) => 4 + Encoding.UTF8.GetByteCount(value);

    /// <summary>Reads a message that is only <c>byte number, uint32 recipient channel</c>.</summary>
    public static bool TryReadRecipientOnly(ReadOnlySpan<byte> payload, byte messageNumber, out uint recipientChannel)
    {
        if (payload.Length != 5 || payload[0] != messageNumber)
        {
            recipientChannel = 0;
            return false;
        }

        recipientChannel = System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(payload[1..]);
        return true;
    }

    /// <summary>Writes a message that is only <c>byte number, uint32 recipient channel</c>; returns 5.</summary>
    public static int WriteRecipientOnly(Span<byte> destination, byte messageNumber, uint recipientChannel)
    {
        var message = destination[..5];
        message[0] = messageNumber;
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(message[1..], recipientChannel);
        return 5;
    }
}
