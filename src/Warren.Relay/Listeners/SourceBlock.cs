using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace Warren.Relay.Listeners;

/// <summary>
/// The address range a per-source limit counts a client under: an IPv4 address alone (/32), an
/// IPv6 address by its /64 (one subscriber's usual allocation, so hopping within it does not
/// escape a limit). IPv4-mapped IPv6 addresses (dual-mode sockets) count as their IPv4 address.
/// </summary>
internal readonly record struct SourceBlock(UInt128 Prefix, bool IsIPv6)
{
    public static SourceBlock Of(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        Span<byte> bytes = stackalloc byte[16];
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            _ = address.TryWriteBytes(bytes, out _);
            return new SourceBlock(BinaryPrimitives.ReadUInt32BigEndian(bytes), IsIPv6: false);
        }

        _ = address.TryWriteBytes(bytes, out _);
        return new SourceBlock(BinaryPrimitives.ReadUInt64BigEndian(bytes), IsIPv6: true);
    }
}
