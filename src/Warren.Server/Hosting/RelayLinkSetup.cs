using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Akka.Configuration;
using Warren.Relay.Cluster.Links;
using Warren.Relay.Listeners;
using Warren.Server.Configuration;

namespace Warren.Server.Hosting;

/// <summary>
/// The relay-link listener of a node (<c>--relay-listen</c>), the endpoint it advertises to the
/// other nodes (a cluster role), and the cluster secret the links prove
/// (<c>--cluster-secret-file</c>). Problems are <see cref="OptionsException"/>s that say the fix.
/// </summary>
/// <remarks>
/// Without a secret file: a loopback listener uses a fixed development secret (only processes on
/// this machine can reach it; every loopback node of a test cluster agrees on it); a node on a
/// network address with seed nodes is refused; a node alone on a network address gets a random
/// secret, since no other node can join its links without the file anyway.
/// </remarks>
internal static class RelayLinkSetup
{
    /// <summary>Shortest secret accepted: 128 bits.</summary>
    public const int MinimumSecretLength = 16;

    private const string MakeSecret = "make one with: head -c 32 /dev/urandom > cluster-secret, and give every node the same file";

    private static readonly byte[] LoopbackSecret = Encoding.ASCII.GetBytes("warren loopback-only cluster: no --cluster-secret-file");

    /// <summary>Binds the listener and reads the secret; the role to add to <c>akka.cluster.roles</c> is <paramref name="role"/>.</summary>
    public static (Socket Listener, byte[] Secret) Start(ServeOptions options, Config akka, out string role)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(akka);
        var remotingHost = akka.GetString("akka.remote.dot-netty.tcp.hostname", "127.0.0.1");
        var listen = options.RelayListen is { } text ? HostPort.Parse(text) : HostPort.Parse(FormatHostPort(remotingHost, 0));
        var address = ResolveAddress(listen.Host);
        var seeded = akka.GetStringList("akka.cluster.seed-nodes").Count > 0;
        var secret = ReadSecret(options.ClusterSecretFile, IPAddress.IsLoopback(address), seeded);

        Socket listener;
        try
        {
            listener = ListeningSocket.Bind(new IPEndPoint(address, listen.Port));
        }
        catch (SocketException e)
        {
            throw new OptionsException($"--relay-listen {listen}: {e.Message}; choose another port");
        }

        var port = ((IPEndPoint)listener.LocalEndPoint!).Port;
        role = RelayLinks.Role(FormatHostPort(AdvertisedHost(listen.Host, akka), port));
        return (listener, secret);
    }

    /// <summary>The Akka setting that advertises <paramref name="role"/>; laid over the node's configuration.</summary>
    public static Config WithRole(Config akka, string role) =>
        ConfigurationFactory.ParseString("akka.cluster.roles = [\"" + role.Replace("\"", string.Empty, StringComparison.Ordinal) + "\"]").WithFallback(akka);

    internal static byte[] ReadSecret(string? file, bool loopback, bool seeded)
    {
        if (file is not null)
        {
            byte[] secret;
            try
            {
                secret = File.ReadAllBytes(file);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new OptionsException($"--cluster-secret-file {file}: {e.Message}; {MakeSecret}");
            }

            return secret.Length >= MinimumSecretLength
                ? secret
                : throw new OptionsException($"--cluster-secret-file {file}: {secret.Length} bytes is too short (at least {MinimumSecretLength}); {MakeSecret}");
        }

        if (loopback)
        {
            return LoopbackSecret;
        }

        return seeded
            ? throw new OptionsException($"--cluster-secret-file is required when the relay links listen on a network address and the node has seed nodes; {MakeSecret}")
            : RandomNumberGenerator.GetBytes(32);
    }

    private static IPAddress ResolveAddress(string host)
    {
        if (IPAddress.TryParse(host, out var address))
        {
            return address;
        }

        try
        {
            return Dns.GetHostAddresses(host).FirstOrDefault() ?? throw new OptionsException($"--relay-listen: '{host}' does not resolve");
        }
        catch (SocketException e)
        {
            throw new OptionsException($"--relay-listen: '{host}' does not resolve: {e.Message}");
        }
    }

    /// <summary>What the other nodes dial: the listen host, or for a wildcard the name remoting advertises.</summary>
    private static string AdvertisedHost(string listenHost, Config akka)
    {
        if (listenHost is not ("0.0.0.0" or "::"))
        {
            return listenHost;
        }

        var advertised = akka.GetString("akka.remote.dot-netty.tcp.public-hostname", string.Empty);
        var remoting = akka.GetString("akka.remote.dot-netty.tcp.hostname", string.Empty);
        return advertised.Length > 0 ? advertised
            : remoting.Length > 0 && remoting is not ("0.0.0.0" or "::") ? remoting
            : Dns.GetHostName();
    }

    private static string FormatHostPort(string host, int port) =>
        (host.Contains(':', StringComparison.Ordinal) ? "[" + host + "]" : host) + ":" + port.ToString(CultureInfo.InvariantCulture);
}
