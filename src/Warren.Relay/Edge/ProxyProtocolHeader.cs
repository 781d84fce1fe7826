using System.Buffers.Binary;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Warren.Relay.Edge;

/// <summary>
/// The PROXY protocol header (HAProxy's "The PROXY protocol", versions 1 and 2) that tells a
/// service behind a tunnel who the visitor is, written before the visitor's first byte on TLS
/// passthrough and relay-port streams (<c>proxy-protocol=1|2</c>). Source is the visitor,
/// destination the relay's address the visitor connected to. Both addresses are given in one
/// family: IPv4 when both are IPv4 (or IPv4-mapped), otherwise IPv6.
/// </summary>
internal static class ProxyProtocolHeader
{
    /// <summary>The 12 bytes that open a version 2 header (spec section 2.2).</summary>
    public static ReadOnlySpan<byte> V2Signature => [0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A];

    /// <summary>The header of <paramref name="version"/> (1 or 2) for a stream from <paramref name="source"/> to <paramref name="destination"/>; an unknown end gives the "unknown" form.</summary>
    public static byte[] Create(int version, IPEndPoint? source, IPEndPoint? destination) => version switch
    {
        1 => V1(source, destination),
        2 => V2(source, destination),
        _ => throw new ArgumentOutOfRangeException(nameof(version), version, "the PROXY protocol has versions 1 and 2"),
    };

    /// <summary>Version 1 (section 2.1): one text line, <c>PROXY TCP4 src dst sport dport\r\n</c>, or <c>PROXY UNKNOWN\r\n</c>.</summary>
    public static byte[] V1(IPEndPoint? source, IPEndPoint? destination)
    {
        if (!TryPair(source, destination, out var from, out var to))
        {
            return Encoding.ASCII.GetBytes("PROXY UNKNOWN\r\n");
        }

        var family = from.AddressFamily == AddressFamily.InterNetwork ? "TCP4" : "TCP6";
        return Encoding.ASCII.GetBytes(string.Create(
            CultureInfo.InvariantCulture,
            $"PROXY {family} {from} {to} {source!.Port} {destination!.Port}\r\n"));
    }

    /// <summary>
    /// Version 2 (section 2.2): the signature, 0x21 (version 2, PROXY), 0x11 (TCP over IPv4) or
    /// 0x21 (TCP over IPv6), the address block's length (big-endian), then source and destination
    /// addresses and ports. An unknown end gives the LOCAL command (0x20) with no addresses.
    /// </summary>
    public static byte[] V2(IPEndPoint? source, IPEndPoint? destination)
    {
        var known = TryPair(source, destination, out var from, out var to);
        var addressLength = !known ? 0 : from.AddressFamily == AddressFamily.InterNetwork ? 4 : 16;
        var blockLength = known ? (2 * addressLength) + 4 : 0;
        var header = new byte[16 + blockLength];
        V2Signature.CopyTo(header);
        header[12] = known ? (byte)0x21 : (byte)0x20;
        header[13] = !known ? (byte)0x00 : addressLength == 4 ? (byte)0x11 : (byte)0x21;
        BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(14), (ushort)blockLength);
        if (known)
        {
            from.TryWriteBytes(header.AsSpan(16, addressLength), out _);
            to.TryWriteBytes(header.AsSpan(16 + addressLength, addressLength), out _);
            BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(16 + (2 * addressLength)), (ushort)source!.Port);
            BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(18 + (2 * addressLength)), (ushort)destination!.Port);
        }

        return header;
    }

    private static bool TryPair(IPEndPoint? source, IPEndPoint? destination, out IPAddress from, out IPAddress to)
    {
        from = IPAddress.None;
        to = IPAddress.None;
        if (source is null || destination is null)
        {
            return false;
        }

        from = Unmapped(source.Address);
        to = Unmapped(destination.Address);
        if (from.AddressFamily != to.AddressFamily)
        {
            from = from.MapToIPv6();
            to = to.MapToIPv6();
        }

        return from.AddressFamily is AddressFamily.InterNetwork or AddressFamily.InterNetworkV6;
    }

    private static IPAddress Unmapped(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
}
