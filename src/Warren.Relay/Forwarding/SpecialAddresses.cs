using System.Net;
using System.Net.Sockets;

namespace Warren.Relay.Forwarding;

/// <summary>
/// Addresses a relay must not reach for a stranger even under <c>--permit-open any</c>: its own
/// loopback (where admin ports and the cluster listen), link-local (169.254.169.254 is the cloud
/// metadata service), unspecified (0.0.0.0 connects to the local host on Linux), multicast and
/// broadcast; and the cloud metadata services that live outside those ranges (AWS's IPv6
/// fd00:ec2::254, Alibaba Cloud's 100.100.100.200). IPv4-mapped IPv6 addresses are judged as the
/// IPv4 address they carry.
/// </summary>
internal static class SpecialAddresses
{
    private static readonly IPAddress AwsMetadataV6 = IPAddress.Parse("fd00:ec2::254");
    private static readonly IPAddress AlibabaMetadata = IPAddress.Parse("100.100.100.200");

    /// <summary>What kind of address this is, for a message ("a loopback address"), or null for an ordinary one.</summary>
    public static string? Describe(IPAddress address)
    {
        address = HostPortText.Normalize(address);
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            Span<byte> bytes = stackalloc byte[4];
            address.TryWriteBytes(bytes, out _);
            return bytes[0] switch
            {
                127 => "a loopback address (127.0.0.0/8)",
                0 => "an unspecified address (0.0.0.0/8)",
                169 when bytes[1] == 254 => "a link-local address (169.254.0.0/16)",
                100 when address.Equals(AlibabaMetadata) => "a cloud metadata address (100.100.100.200)",
                >= 224 => "a multicast or broadcast address (224.0.0.0/3)",
                _ => null,
            };
        }

        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            var withoutScope = new IPAddress(address.GetAddressBytes());
            if (withoutScope.Equals(IPAddress.IPv6Loopback))
            {
                return "a loopback address (::1)";
            }

            if (withoutScope.Equals(IPAddress.IPv6Any))
            {
                return "the unspecified address (::)";
            }

            if (withoutScope.Equals(AwsMetadataV6))
            {
                return "a cloud metadata address (fd00:ec2::254)";
            }

            if (address.IsIPv6LinkLocal)
            {
                return "a link-local address (fe80::/10)";
            }

            if (address.IsIPv6Multicast)
            {
                return "a multicast address (ff00::/8)";
            }
        }

        return null;
    }
}
