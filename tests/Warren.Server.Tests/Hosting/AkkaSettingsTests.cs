using Warren.Server.Configuration;
using Warren.Server.Hosting;

namespace Warren.Server.Tests.Hosting;

public sealed class AkkaSettingsTests
{
    private static readonly string ConfigDir = Path.Combine(FindRepoRoot(), "cluster-config");

    [Fact]
    public void Build_NoClusterFlags_AClusterOfOneOnAFreeLoopbackPort()
    {
        var config = AkkaSettings.Build(new ServeOptions());

        Assert.Equal("cluster", config.GetString("akka.actor.provider"));
        Assert.Equal("127.0.0.1", config.GetString("akka.remote.dot-netty.tcp.hostname"));
        Assert.Equal(0, config.GetInt("akka.remote.dot-netty.tcp.port"));
        Assert.Empty(config.GetStringList("akka.cluster.seed-nodes"));
        Assert.Equal("keep-majority", config.GetString("akka.cluster.split-brain-resolver.active-strategy"));
        Assert.Null(ClusterJoin.Problem(config));
    }

    [Fact]
    public void Build_ListenAndSeedFlags_OverrideTheClusterConfigFile()
    {
        var options = new ServeOptions
        {
            ClusterConfig = Path.Combine(ConfigDir, "local.hocon"),
            ClusterListen = "127.0.0.2:5001",
            SeedNodes = ["akka.tcp://warren@127.0.0.1:5000", "akka.tcp://warren@127.0.0.2:5001"],
        };

        var config = AkkaSettings.Build(options);

        Assert.Equal("127.0.0.2", config.GetString("akka.remote.dot-netty.tcp.hostname"));
        Assert.Equal(5001, config.GetInt("akka.remote.dot-netty.tcp.port"));
        Assert.Equal(options.SeedNodes, config.GetStringList("akka.cluster.seed-nodes"));
        // From local.hocon, over base.hocon.
        Assert.Equal(TimeSpan.FromSeconds(7), config.GetTimeSpan("akka.cluster.split-brain-resolver.stable-after"));
    }

    [Fact]
    public void Build_LocalFileAlone_ItsSeedNodes()
    {
        var config = AkkaSettings.Build(new ServeOptions { ClusterConfig = Path.Combine(ConfigDir, "local.hocon") });

        Assert.Equal(3, config.GetStringList("akka.cluster.seed-nodes").Count);
        Assert.Equal(4053, config.GetInt("akka.remote.dot-netty.tcp.port"));
    }

    [Fact]
    public void Problem_KubernetesFileWithApiAndNamespace_Accepted()
    {
        using var dir = new TempDirectory();
        var file = Path.Combine(dir.Path, "k8s.hocon");
        File.WriteAllText(file, File.ReadAllText(Path.Combine(ConfigDir, "kubernetes.hocon"))
            + "\nwarren.cluster.kubernetes-discovery { api-url = \"https://10.0.0.1:443\", namespace = relay }\n");

        var config = AkkaSettings.Build(new ServeOptions { ClusterConfig = file });

        Assert.Null(ClusterJoin.Problem(config));
        Assert.Empty(config.GetStringList("akka.cluster.seed-nodes"));
    }

    [Fact]
    public void Problem_AkkaManagementBootstrap_RefusedWithTheReasonAndTheFix()
    {
        var config = Akka.Configuration.ConfigurationFactory.ParseString("akka.management.cluster.bootstrap.contact-point-discovery.service-name = warren")
            .WithFallback(AkkaSettings.Build(new ServeOptions()));

        var problem = ClusterJoin.Problem(config);

        Assert.Contains("Akka.Http.Shim", problem, StringComparison.Ordinal);
        Assert.Contains("kubernetes-discovery", problem, StringComparison.Ordinal);
        Assert.Contains("--seed-node", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Problem_KubernetesDiscoveryWithABadApiUrl_NamesTheKey()
    {
        var config = Akka.Configuration.ConfigurationFactory.ParseString("warren.cluster.kubernetes-discovery { api-url = \"ftp://x\", namespace = relay }")
            .WithFallback(AkkaSettings.Build(new ServeOptions()));

        Assert.Contains("api-url", ClusterJoin.Problem(config), StringComparison.Ordinal);
    }

    [Fact]
    public void BaseHocon_EmbeddedCopy_IsTheFileInClusterConfig() =>
        Assert.Equal(File.ReadAllText(Path.Combine(ConfigDir, "base.hocon")), AkkaSettings.BaseHocon());

    private static string FindRepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Warren.slnx")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Warren.slnx not found above " + AppContext.BaseDirectory);
    }
}
