using System.Net;
using System.Net.Sockets;
using Akka.Actor;
using Microsoft.Extensions.Logging;
using Warren.Relay.Cluster;
using Warren.Relay.Cluster.Links;
using Warren.Relay.Node;
using Warren.Relay.Forwarding;
using Warren.Relay.Listeners;
using Warren.Relay.Sessions;
using Warren.Server.Configuration;
using Warren.Ssh.Buffers;
using Warren.Server.Observability;
using Warren.Ssh.Transport;

namespace Warren.Server.Hosting;

/// <summary>Runs `warren serve`: host keys, transport settings, the SSH listener, until shutdown.</summary>
internal static class RelayHost
{
    public static async Task<int> RunAsync(ServeOptions options, CancellationToken cancellationToken)
    {
        var keys = HostKeyStore.LoadOrGenerate(options.HostKeys, options.DataDir, Console.Out);
        var settings = TransportSettingsFactory.Create(options);
        await using var observability = NodeObservability.Create(options);
        var loggerFactory = observability.Loggers;
        var sshEndPoint = ParseEndPoint(options.SshListen);
        var listenerOptions = new SshListenerOptions(sshEndPoint, keys, settings)
        {
            LoginGraceTime = options.LoginGraceTime,
            Auth = AuthSetup.Create(options, loggerFactory.CreateLogger("Warren.Auth"), Console.Out),
            MaxStartups = options.MaxStartups,
            PerSourceMaxStartups = options.PerSourceMaxStartups,
            Penalties = options.PerSourcePenalties ? new SourcePenaltyOptions() : null,
            Limits = options.Limits,
            ClientAlive = options.ClientAlive,
            IdleTimeout = options.IdleTimeout,
            SendTimeout = options.SendTimeout,
            BindPolicy = options.BindPolicy,
            TunnelOptionsWait = TimeSpan.FromMilliseconds(options.TunnelOptionsWaitMilliseconds),
            Endpoints = PublicEndpoints(options, sshEndPoint),
            NameGraceTime = TimeSpan.FromSeconds(options.NameGraceTimeSeconds),
            DirectTargets = DirectTargets(options, sshEndPoint),
            CustomDomains = options.CustomDomains,
            ForwardPorts = PortRange.TryParse(options.ForwardPorts, out var ports, out _) ? ports : PortRange.Default,
            ForwardBindAddress = ResolveHost(options.ForwardBind, "--forward-bind"),

            // One pool per node; see SshListenerOptions.DefaultBufferPoolSize for the size.
            BufferPool = new PacketBufferPool(SshListenerOptions.DefaultBufferPoolSize),
        };

        // Bound here so that a port in use is a start-up error; the listener actor then owns the socket.
        var socket = ListeningSocket.Bind(listenerOptions.EndPoint);
        Console.Out.WriteLine($"warren {typeof(RelayHost).Assembly.GetName().Version?.ToString(3)}: SSH on {socket.LocalEndPoint}");
        var akkaConfig = AkkaSettings.Build(options);
        if (ClusterJoin.Problem(akkaConfig) is { } problem)
        {
            socket.Dispose();
            await Console.Error.WriteLineAsync("warren serve: " + problem).ConfigureAwait(false);
            return 2;
        }

        (Socket Listener, byte[] Secret) links;
        RelayLinkTls? linkTls;
        try
        {
            linkTls = RelayLinkTlsSetup.Load(options, loggerFactory.CreateLogger("Warren.RelayLinks"));
            links = RelayLinkSetup.Start(options, akkaConfig, out var linkRole);
            akkaConfig = RelayLinkSetup.WithRole(akkaConfig, linkRole);
            Console.Out.WriteLine($"warren: relay links on {links.Listener.LocalEndPoint} ({linkRole})" + RelayLinkTlsSetup.Describe(linkTls));
        }
        catch (OptionsException)
        {
            socket.Dispose();
            throw;
        }

        using var ownedLinkTls = linkTls;
        using var system = ActorSystem.Create("warren", observability.ActorSystemSetup(akkaConfig));
        Warren.Relay.Metrics.RelayMetrics.ObservePool(listenerOptions.BufferPool);
        var cluster = Akka.Cluster.Cluster.Get(system);
        ClusterJoin.Start(system, loggerFactory);
        Console.Out.WriteLine($"warren: cluster node {cluster.SelfAddress}");
        cluster.RegisterOnMemberUp(() => Console.Out.WriteLine($"warren: cluster member up: {cluster.SelfAddress}"));
        var relayLinks = RelayLinksActor.Props(new RelayLinkSettings(links.Listener, links.Secret, loggerFactory.CreateLogger("Warren.RelayLinks")) { Tls = linkTls });
        var tunnels = ClusterTunnels.Start(system, listenerOptions);
        ClusterTunnels.WatchMetrics(system);
        var node = system.ActorOf(NodeGuardian.Props(socket, listenerOptions, loggerFactory, tunnels, relayLinks, ClusterTunnels.AccountRegion(system)), "node");
        NodeDrain.Register(system, node, TimeSpan.FromSeconds(options.DrainTimeoutSeconds));
        await using var edge = await EdgeSetup.StartAsync(options, node, loggerFactory).ConfigureAwait(false);
        Console.Out.WriteLine($"warren: HTTP edge on {options.HttpListen}" + (options.TlsListen is { } tls ? $", TLS edge on {tls}" : string.Empty));
        await observability.StartAsync(system, Console.Out, cancellationToken).ConfigureAwait(false);

        // The node runs until Ctrl+C or SIGTERM; if it stops by itself, something is broken: exit non-zero.
        var nodeStopped = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        system.ActorOf(Props.Create(() => new StopWatcher(node, nodeStopped)), "node-watcher");
        var stopRequested = Task.Delay(Timeout.Infinite, cancellationToken);
        var first = await Task.WhenAny(stopRequested, nodeStopped.Task).ConfigureAwait(false);
        await CoordinatedShutdown.Get(system).Run(CoordinatedShutdown.ClrExitReason.Instance).ConfigureAwait(false);
        if (first == nodeStopped.Task)
        {
            await Console.Error.WriteLineAsync("warren serve: the relay node stopped unexpectedly; see the log above").ConfigureAwait(false);
            return 1;
        }

        return 0;
    }

    /// <summary>
    /// --permit-open as a policy. The relay's own listeners and this host's addresses are passed
    /// too, so that <c>any</c> still refuses them unless an entry names them.
    /// </summary>
    private static DirectTargetPolicy DirectTargets(ServeOptions options, IPEndPoint sshEndPoint)
    {
        var listeners = new List<IPEndPoint> { sshEndPoint };
        foreach (var other in new[] { options.HttpListen, options.TlsListen, options.MetricsListen, options.ClusterListen, options.RelayListen })
        {
            if (other is not null && IPEndPoint.TryParse(other, out var endPoint))
            {
                listeners.Add(endPoint);
            }
        }

        var own = OwnAddresses();
        return DirectTargetPolicy.TryCreate(options.PermitOpen, listeners, own, options.Domain, out var policy, out var error)
            ? policy
            : throw new OptionsException(error);
    }

    private static IPAddress[] OwnAddresses()
    {
        try
        {
            return [.. System.Net.NetworkInformation.NetworkInterface.GetAllNetworkInterfaces()
                .SelectMany(nic => nic.GetIPProperties().UnicastAddresses)
                .Select(unicast => unicast.Address)];
        }
        catch (System.Net.NetworkInformation.NetworkInformationException)
        {
            return [];
        }
    }

    private static IPAddress ResolveHost(string host, string flag)
    {
        if (IPAddress.TryParse(host, out var address))
        {
            return address;
        }

        return Dns.GetHostAddresses(host).FirstOrDefault()
            ?? throw new OptionsException($"{flag}: '{host}' does not resolve");
    }

    /// <summary>
    /// Where the session texts (greeting, <c>tunnels</c>, <c>status</c>) tell people to go: the
    /// public host and ports when given (a load balancer in front), else the domain and the
    /// listeners' own ports.
    /// </summary>
    private static RelayEndpoints PublicEndpoints(ServeOptions options, IPEndPoint sshEndPoint) =>
        new(
            options.Domain,
            options.PublicSshHost ?? options.Domain,
            options.PublicSshPort ?? (sshEndPoint.Port == 0 ? RelayEndpoints.Default.SshPort : sshEndPoint.Port),
            options.PublicHttpPort ?? Configuration.HostPort.Parse(options.HttpListen).Port,
            options.TlsListen is { } tls ? options.PublicTlsPort ?? Configuration.HostPort.Parse(tls).Port : null)
        {
            HttpsAtEdge = options.TlsListen is not null && options.TlsCert is not null,
        };

    private static IPEndPoint ParseEndPoint(string hostPort)
    {
        // The options loader has checked the syntax; a host name is resolved once, at start.
        if (IPEndPoint.TryParse(hostPort, out var endPoint))
        {
            return endPoint;
        }

        var colon = hostPort.LastIndexOf(':');
        var host = hostPort[..colon];
        var port = int.Parse(hostPort[(colon + 1)..], System.Globalization.CultureInfo.InvariantCulture);
        var address = Dns.GetHostAddresses(host).FirstOrDefault()
            ?? throw new InvalidOperationException($"--ssh-listen: '{host}' does not resolve");
        return new IPEndPoint(address, port);
    }
}
