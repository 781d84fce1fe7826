using Akka.Actor;
using Akka.Configuration;
using Akka.TestKit.Xunit2;
using Warren.Relay.Cluster;
using Warren.Relay.Tunnels;

namespace Warren.Cluster.Tests.Entities;

/// <summary>
/// An in-process cluster of one (remoting on a free loopback port) with the "tunnel" and
/// "account" regions started and a node's tunnel front, as a real node has them.
/// </summary>
public abstract class OneNodeClusterKit : TestKit
{
    protected static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);

    private static readonly Config ClusterOfOne = ConfigurationFactory.ParseString("""
        akka.actor.provider = cluster
        akka.remote.dot-netty.tcp.hostname = "127.0.0.1"
        akka.remote.dot-netty.tcp.port = 0
        akka.cluster.sharding.state-store-mode = ddata
        akka.loglevel = WARNING
        """);

    private protected OneNodeClusterKit(TunnelOptions? options = null)
        : base(ClusterOfOne)
    {
        var cluster = Akka.Cluster.Cluster.Get(Sys);
        cluster.Join(cluster.SelfAddress);
        AwaitCondition(() => cluster.SelfMember.Status == Akka.Cluster.MemberStatus.Up, Wait);
        Tunnels = Sys.ActorOf(ClusterTunnels.Start(Sys, options ?? new TunnelOptions(), TimeProvider.System), "tunnels");
    }

    /// <summary>The node's tunnel front (what sessions talk to).</summary>
    protected IActorRef Tunnels { get; }

    private protected static TunnelBackend Backend(IActorRef session, string name, uint port = 80) =>
        new(session, "conn-" + name, name, port);
}
