using System.Net.Sockets;
using Akka.Actor;
using Microsoft.Extensions.Logging;
using Warren.Relay.Edge;
using Warren.Relay.Listeners;
using Warren.Relay.Sessions;
using Warren.Relay.Tunnels;

namespace Warren.Relay.Node;

/// <summary>
/// The per-node root (<c>/user/node</c>): creates the dead-buffer reclaimer, the tunnel registry, the session hierarchy and the SSH listener,
/// and supervises them. A failing child is stopped, never restarted: a listener or session
/// restarted with a half-open socket would be worse than none.
/// </summary>
public sealed class NodeGuardian : ReceiveActor
{
    /// <summary>The child that owns HTTP visitors' bridges: <c>/user/node/edge-http</c>.</summary>
    public const string EdgeHttpName = "edge-http";

    /// <summary>The child that owns TLS visitors' bridges: <c>/user/node/edge-tls</c>.</summary>
    public const string EdgeTlsName = "edge-tls";

    /// <summary>Props for the guardian; <paramref name="sshSocket"/> is bound and listening, and its ownership passes here.</summary>
    /// <param name="tunnels">
    /// The props of the node's tunnel front (<see cref="Cluster.ClusterTunnels.Start"/> in a cluster);
    /// null runs the node-local registry.
    /// </param>
    /// <param name="relayLinks">The props of the node's relay links (<see cref="Cluster.Links.RelayLinksActor"/>); null: none (a node alone).</param>
    /// <param name="accountRegion">
    /// The "account" shard region (<see cref="Cluster.ClusterTunnels.AccountRegion"/>), which counts
    /// each account's sessions cluster-wide; null counts them on this node.
    /// </param>
    public static Props Props(Socket sshSocket, SshListenerOptions options, ILoggerFactory loggers, Props? tunnels = null, Props? relayLinks = null, IActorRef? accountRegion = null) =>
        Akka.Actor.Props.Create(() => new NodeGuardian(sshSocket, options, loggers, tunnels, relayLinks, accountRegion));

    public NodeGuardian(Socket sshSocket, SshListenerOptions options, ILoggerFactory loggers, Props? tunnelsProps = null, Props? relayLinks = null, IActorRef? accountRegion = null)
    {
        if (relayLinks is not null)
        {
            Context.ActorOf(relayLinks, Cluster.Links.RelayLinks.ActorName);
        }

        // Buffers of data-path messages that die undelivered go back to options.BufferPool.
        Context.ActorOf(Channels.DeadBufferReclaimer.Props(), "dead-buffers");
        var tunnels = Context.ActorOf(tunnelsProps ?? TunnelRegistry.Props(TunnelOptions.From(options), TimeProvider.System), "tunnels");
        var sessions = Context.ActorOf(SessionsActor.Props(options, tunnels, loggers.CreateLogger("Warren.Ssh"), accountRegion), "sessions");
        var listener = Context.ActorOf(SshListenerActor.Props(sshSocket, options, sessions, loggers.CreateLogger("Warren.Ssh")), "ssh-listener");

        // The edge's Kestrel server (started by the host) opens visitors' bridges through these.
        var edges = new EdgeActors(Context.ActorOf(EdgeActor.Props(tunnels), EdgeHttpName), Context.ActorOf(EdgeActor.Props(tunnels), EdgeTlsName));
        Receive<EdgeActorsRequest>(_ => Sender.Tell(edges));

        // Drain (CoordinatedShutdown, before the shards are handed off): accept no more, then
        // let the sessions say goodbye; the answer goes straight to the asker.
        Receive<StopAccepting>(_ => Context.Stop(listener));
        Receive<DrainSessions>(m =>
        {
            Context.Stop(listener);
            sessions.Forward(m);
        });
    }

    /// <inheritdoc />
    protected override SupervisorStrategy SupervisorStrategy() => new OneForOneStrategy(_ => Directive.Stop);
}
