using System.Globalization;
using System.Text;
using Akka.Configuration;
using Warren.Server.Configuration;

namespace Warren.Server.Hosting;

/// <summary>
/// The Akka configuration of a node, highest priority first: the cluster flags
/// (<c>--cluster-listen</c>, <c>--seed-node</c>), the <c>--cluster-config</c> file, and
/// cluster-config/base.hocon (embedded, so a bare <c>warren serve</c> needs no file).
/// </summary>
internal static class AkkaSettings
{
    private const string BaseResource = "Warren.Server.cluster-config.base.hocon";

    public static Config Build(ServeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var config = ConfigurationFactory.ParseString(Flags(options));
        if (options.ClusterConfig is not null)
        {
            config = config.WithFallback(ConfigurationFactory.ParseString(File.ReadAllText(options.ClusterConfig)));
        }

        return config.WithFallback(ConfigurationFactory.ParseString(BaseHocon()));
    }

    /// <summary>The embedded cluster-config/base.hocon.</summary>
    public static string BaseHocon()
    {
        using var stream = typeof(AkkaSettings).Assembly.GetManifestResourceStream(BaseResource)
            ?? throw new InvalidOperationException($"{BaseResource} is not embedded in {typeof(AkkaSettings).Assembly.GetName().Name}");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    private static string Flags(ServeOptions options)
    {
        var hocon = new StringBuilder();

        // The drain phase waits for visitor streams (--drain-timeout), then for the goodbyes.
        var drainPhase = NodeDrain.PhaseTimeout(TimeSpan.FromSeconds(options.DrainTimeoutSeconds));
        hocon.Append(CultureInfo.InvariantCulture, $"akka.coordinated-shutdown.phases.service-unbind.timeout = {(int)drainPhase.TotalSeconds}s\n");
        if (options.ClusterListen is not null)
        {
            var listen = HostPort.Parse(options.ClusterListen);
            // Akka needs an address the other nodes can dial; a wildcard bind advertises the
            // machine's name instead (set public-hostname in a --cluster-config file to choose).
            var wildcard = listen.Host is "0.0.0.0" or "::";
            hocon.Append(CultureInfo.InvariantCulture, $"akka.remote.dot-netty.tcp.hostname = {Quote(listen.Host)}\n");
            hocon.Append(CultureInfo.InvariantCulture, $"akka.remote.dot-netty.tcp.port = {listen.Port}\n");
            if (wildcard)
            {
                hocon.Append(CultureInfo.InvariantCulture, $"akka.remote.dot-netty.tcp.public-hostname = {Quote(System.Net.Dns.GetHostName())}\n");
            }
        }

        if (options.SeedNodes.Count > 0)
        {
            hocon.Append("akka.cluster.seed-nodes = [");
            hocon.AppendJoin(", ", options.SeedNodes.Select(Quote));
            hocon.Append("]\n");
        }

        return hocon.ToString();
    }

    private static string Quote(string value) => "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
