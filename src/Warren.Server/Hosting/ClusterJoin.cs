using Akka.Actor;
using Akka.Configuration;

namespace Warren.Server.Hosting;

/// <summary>
/// How a node finds its cluster: the seed nodes when there are some (Akka joins them by
/// itself), or else itself, a cluster of one. Cluster bootstrap (cluster-config/kubernetes.hocon)
/// is refused with a clear message until Akka.Management can be shipped: the Akka.Http.Shim it
/// needs does not run on the Ceen.Httpd the package feed serves.
/// </summary>
internal static class ClusterJoin
{
    /// <summary>Null when <paramref name="config"/> can form a cluster; otherwise what is wrong and how to fix it.</summary>
    public static string? Problem(Config config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return config.HasPath("akka.management.cluster.bootstrap")
            ? "--cluster-config: cluster bootstrap (akka.management, as in kubernetes.hocon) is not supported yet; "
                + "list the nodes with --seed-node akka.tcp://warren@HOST:PORT instead"
            : null;
    }

    /// <summary>With no seed nodes, joins the node to itself: a cluster of one that needs nothing else.</summary>
    public static void Start(ActorSystem system)
    {
        var cluster = Akka.Cluster.Cluster.Get(system);
        if (system.Settings.Config.GetStringList("akka.cluster.seed-nodes").Count == 0)
        {
            cluster.Join(cluster.SelfAddress);
        }
    }
}
