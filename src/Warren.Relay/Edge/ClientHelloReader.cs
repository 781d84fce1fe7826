using System.Buffers.Binary;
using System.Text;

namespace Warren.Relay.Edge;

/// <summary>
/// Finds the server name (SNI, RFC 6066 §3) in the first TLS record of a connection, without
/// consuming it, so the bytes can still go to a TLS server or be passed through untouched.
/// Visitor input: every length is checked, nothing throws, nothing is allocated but the name.
/// </summary>
/// <remarks>
/// Only a ClientHello that fits its first record is read (RFC 8446 §5.1 allows fragmenting it,
/// but clients send it whole: even a post-quantum key share is far below the 16 KiB record limit).
/// </remarks>
internal static class ClientHelloReader
{
    /// <summary>TLS record header: type, version, length (RFC 8446 §5.1).</summary>
    public const int RecordHeaderSize = 5;

    /// <summary>The largest record payload (2^14, RFC 8446 §5.1); a ClientHello record is no larger.</summary>
    public const int MaxRecordLength = 16384;

    private const byte HandshakeRecord = 22;
    private const byte ClientHelloType = 1;
    private const ushort ServerNameExtension = 0;
    private const byte HostNameType = 0;
    private const int MaxHostNameLength = 253;

    /// <summary>Reads the server name from <paramref name="data"/>, the first bytes the visitor sent.</summary>
    public static ClientHelloStatus TryReadServerName(ReadOnlySpan<byte> data, out string serverName)
    {
        serverName = string.Empty;
        if (data.Length < RecordHeaderSize)
        {
            return data.Length > 0 && data[0] != HandshakeRecord ? ClientHelloStatus.Invalid : ClientHelloStatus.NeedMoreData;
        }

        var length = BinaryPrimitives.ReadUInt16BigEndian(data[3..]);
        if (data[0] != HandshakeRecord || data[1] != 3 || length is < 4 or > MaxRecordLength)
        {
            return ClientHelloStatus.Invalid;
        }

        if (data.Length < RecordHeaderSize + length)
        {
            return ClientHelloStatus.NeedMoreData;
        }

        var record = data.Slice(RecordHeaderSize, length);
        if (record[0] != ClientHelloType)
        {
            return ClientHelloStatus.Invalid;
        }

        var helloLength = (record[1] << 16) | (record[2] << 8) | record[3];
        if (helloLength > record.Length - 4)
        {
            // Fragmented over several records: not supported, see the remarks.
            return ClientHelloStatus.Invalid;
        }

        return ReadHello(record.Slice(4, helloLength), out serverName);
    }

    private static ClientHelloStatus ReadHello(ReadOnlySpan<byte> hello, out string serverName)
    {
        serverName = string.Empty;

        // legacy_version (2), random (32), session id, cipher suites, compression methods (RFC 8446 §4.1.2).
        var reader = new SpanCursor(hello);
        if (!reader.Skip(2 + 32) || !reader.SkipVector8() || !reader.SkipVector16() || !reader.SkipVector8())
        {
            return ClientHelloStatus.Invalid;
        }

        if (reader.IsEmpty)
        {
            return ClientHelloStatus.NoServerName;
        }

        if (!reader.TryVector16(out var extensions) || !reader.IsEmpty)
        {
            return ClientHelloStatus.Invalid;
        }

        var list = new SpanCursor(extensions);
        while (!list.IsEmpty)
        {
            if (!list.TryUInt16(out var type) || !list.TryVector16(out var body))
            {
                return ClientHelloStatus.Invalid;
            }

            if (type == ServerNameExtension)
            {
                return ReadServerNameList(body, out serverName);
            }
        }

        return ClientHelloStatus.NoServerName;
    }

    private static ClientHelloStatus ReadServerNameList(ReadOnlySpan<byte> body, out string serverName)
    {
        serverName = string.Empty;
        var outer = new SpanCursor(body);
        if (!outer.TryVector16(out var names) || !outer.IsEmpty)
        {
            return ClientHelloStatus.Invalid;
        }

        var list = new SpanCursor(names);
        while (!list.IsEmpty)
        {
            if (!list.TryByte(out var nameType) || !list.TryVector16(out var name))
            {
                return ClientHelloStatus.Invalid;
            }

            if (nameType != HostNameType)
            {
                continue;
            }

            if (name.Length is 0 or > MaxHostNameLength)
            {
                return ClientHelloStatus.Invalid;
            }

            foreach (var b in name)
            {
                // RFC 6066 §3: ASCII host names; anything else is not a name we could serve.
                if (!(char.IsAsciiLetterOrDigit((char)b) || b == '-' || b == '.'))
                {
                    return ClientHelloStatus.Invalid;
                }
            }

            serverName = Encoding.ASCII.GetString(name).ToLowerInvariant();
            return ClientHelloStatus.ServerName;
        }

        return ClientHelloStatus.NoServerName;
    }

    /// <summary>A bounds-checked walk over TLS vectors (RFC 8446 §3.4).</summary>
    private ref struct SpanCursor(ReadOnlySpan<byte> data)
    {
        private ReadOnlySpan<byte> _rest = data;

        public readonly bool IsEmpty => _rest.IsEmpty;

        public bool Skip(int count)
        {
            if (_rest.Length < count)
            {
                return false;
            }

            _rest = _rest[count..];
            return true;
        }

        public bool TryByte(out byte value)
        {
            value = 0;
            if (_rest.IsEmpty)
            {
                return false;
            }

            value = _rest[0];
            _rest = _rest[1..];
            return true;
        }

        public bool TryUInt16(out ushort value)
        {
            value = 0;
            if (_rest.Length < 2)
            {
                return false;
            }

            value = BinaryPrimitives.ReadUInt16BigEndian(_rest);
            _rest = _rest[2..];
            return true;
        }

        public bool SkipVector8() => TryByte(out var length) && Skip(length);

        public bool SkipVector16() => TryVector16(out _);

        public bool TryVector16(out ReadOnlySpan<byte> vector)
        {
            vector = default;
            if (!TryUInt16(out var length) || _rest.Length < length)
            {
                return false;
            }

            vector = _rest[..length];
            _rest = _rest[length..];
            return true;
        }
    }
}
