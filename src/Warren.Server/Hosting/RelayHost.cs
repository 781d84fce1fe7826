using System.Net;
using Akka.Actor;
using Microsoft.Extensions.Logging;
using Warren.Relay.Cluster;
using Warren.Relay.Node;
using Warren.Relay.Listeners;
using Warren.Server.Configuration;
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
        var listenerOptions = new SshListenerOptions(ParseEndPoint(options.SshListen), keys, settings)
        {
            LoginGraceTime = options.LoginGraceTime,
            Auth = AuthSetup.Create(options, loggerFactory.CreateLogger("Warren.Auth"), Console.Out),
            MaxStartups = options.MaxStartups,
            PerSourceMaxStartups = options.PerSourceMaxStartups,
            Penalties = options.PerSourcePenalties ? new SourcePenaltyOptions() : null,
            Limits = options.Limits,
            ClientAlive = options.ClientAlive,
            IdleTimeout = options.IdleTimeout,
            BindPolicy = options.BindPolicy,
            NameGraceTime = TimeSpan.FromSeconds(options.NameGraceTimeSeconds),
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

        using var system = ActorSystem.Create("warren", observability.ActorSystemSetup(akkaConfig));
        var cluster = Akka.Cluster.Cluster.Get(system);
        ClusterJoin.Start(system);
        Console.Out.WriteLine($"warren: cluster node {cluster.SelfAddress}");
        cluster.RegisterOnMemberUp(() => Console.Out.WriteLine($"warren: cluster member up: {cluster.SelfAddress}"));
        var node = system.ActorOf(NodeGuardian.Props(socket, listenerOptions, loggerFactory, ClusterTunnels.Start(system, listenerOptions)), "node");
        NodeDrain.Register(system, node, NodeDrain.Timeout);
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
