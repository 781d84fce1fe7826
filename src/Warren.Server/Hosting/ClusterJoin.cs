using Akka.Actor;
using Akka.Configuration;
using Microsoft.Extensions.Logging;
using Warren.Server.Discovery;

namespace Warren.Server.Hosting;

/// <summary>
/// How a node finds its cluster: the seed nodes when there are some (Akka joins them by
/// itself); else the pods the Kubernetes API lists, when the --cluster-config file has a
/// <c>warren.cluster.kubernetes-discovery</c> block (cluster-config/kubernetes.hocon); else
/// itself, a cluster of one. Akka.Management's cluster bootstrap is refused with the reason:
/// the Akka.Http.Shim it needs does not run on the Ceen.Httpd the package feed serves.
/// </summary>
internal static class ClusterJoin
{
    /// <summary>Null when <paramref name="config"/> can form a cluster; otherwise what is wrong and how to fix it.</summary>
    public static string? Problem(Config config)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (config.HasPath("akka.management.cluster.bootstrap"))
        {
            return "--cluster-config: Akka.Management cluster bootstrap (akka.management) is not supported: its HTTP "
                + "endpoint (Akka.Http.Shim) does not run on the Ceen.Httpd we can ship; use Warren's own Kubernetes "
                + "discovery (warren.cluster.kubernetes-discovery, see cluster-config/kubernetes.hocon) or "
                + "--seed-node akka.tcp://warren@HOST:PORT";
        }

        if (KubernetesDiscoverySettings.IsConfigured(config) && !KubernetesDiscoverySettings.TryLoad(config, out _, out var error))
        {
            return "--cluster-config: " + error;
        }

        return null;
    }

    /// <summary>
    /// Starts joining: nothing to do with seed nodes (Akka joins them); the Kubernetes
    /// discovery when configured; else the node joins itself, a cluster of one.
    /// </summary>
    public static void Start(ActorSystem system, ILoggerFactory loggers)
    {
        var config = system.Settings.Config;
        if (config.GetStringList("akka.cluster.seed-nodes").Count > 0)
        {
            return;
        }

        if (KubernetesDiscoverySettings.IsConfigured(config) && KubernetesDiscoverySettings.TryLoad(config, out var discovery, out _))
        {
            system.ActorOf(KubernetesBootstrapActor.Props(discovery, loggers.CreateLogger("Warren.Discovery"), TimeProvider.System), "kubernetes-discovery");
            return;
        }

        var cluster = Akka.Cluster.Cluster.Get(system);
        cluster.Join(cluster.SelfAddress);
    }
}
