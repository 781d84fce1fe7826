using System.Net;
using System.Net.NetworkInformation;

namespace Warren.Relay.Forwarding;

/// <summary>
/// The addresses of the relay's own network interfaces. Under <c>--permit-open any</c> they are
/// refused like loopback: every service on the relay's machine that listens on a wildcard address
/// (sshd, a database, the kubelet) answers on them too, and the machine's host name resolves to
/// them. The list is read again at most every <see cref="RefreshInterval"/>, so an address that
/// appears later (DHCP, a new interface) is covered within that time.
/// </summary>
internal static class OwnAddresses
{
    private static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(30);
    private static readonly object Gate = new();
    private static HashSet<IPAddress> _addresses = [];
    private static long _readAt = long.MinValue;

    /// <summary>True when <paramref name="address"/> (already normalised: no IPv4-mapping) is one of this machine's.</summary>
    public static bool Contains(IPAddress address)
    {
        var withoutScope = new IPAddress(address.GetAddressBytes());
        return Current().Contains(withoutScope);
    }

    private static HashSet<IPAddress> Current()
    {
        lock (Gate)
        {
            var now = Environment.TickCount64;
            if (_readAt != long.MinValue && TimeSpan.FromMilliseconds(now - _readAt) < RefreshInterval)
            {
                return _addresses;
            }

            var addresses = new HashSet<IPAddress>();
            try
            {
                foreach (var networkInterface in NetworkInterface.GetAllNetworkInterfaces())
                {
                    foreach (var unicast in networkInterface.GetIPProperties().UnicastAddresses)
                    {
                        addresses.Add(new IPAddress(unicast.Address.GetAddressBytes()));
                    }
                }
            }
            catch (NetworkInformationException)
            {
                // Keep the last list: refusing less than before is not an option, more is not possible.
                return _addresses;
            }

            _addresses = addresses;
            _readAt = now;
            return addresses;
        }
    }
}
