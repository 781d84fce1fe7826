using System.Globalization;
using System.Net;

namespace Warren.Server.Hosting;

/// <summary>Turns a checked HOST:PORT setting into an endpoint; a host name is resolved once, at start.</summary>
internal static class HostEndPoints
{
    public static IPEndPoint Resolve(string hostPort, string flag)
    {
        if (IPEndPoint.TryParse(hostPort, out var endPoint))
        {
            return endPoint;
        }

        // The options loader has checked the syntax.
        var colon = hostPort.LastIndexOf(':');
        var host = hostPort[..colon];
        var port = int.Parse(hostPort[(colon + 1)..], CultureInfo.InvariantCulture);
        var address = Dns.GetHostAddresses(host).FirstOrDefault()
            ?? throw new OptionsException($"{flag}: '{host}' does not resolve");
        return new IPEndPoint(address, port);
    }
}
