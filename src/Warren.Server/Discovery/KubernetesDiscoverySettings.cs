using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Akka.Configuration;

namespace Warren.Server.Discovery;

/// <summary>
/// The <c>warren.cluster.kubernetes-discovery</c> block of a --cluster-config file
/// (cluster-config/kubernetes.hocon): where the Kubernetes API is, which pods are this
/// relay's, and when enough of them have been seen to form the cluster.
/// </summary>
internal sealed record KubernetesDiscoverySettings(
    Uri ApiUrl,
    string Namespace,
    string LabelSelector,
    string TokenPath,
    string CaPath,
    string PortName,
    int DefaultPort,
    int RequiredContactPoints,
    TimeSpan StableMargin,
    TimeSpan PollInterval)
{
    public const string Path = "warren.cluster.kubernetes-discovery";

    /// <summary>True when <paramref name="config"/> asks for Kubernetes API discovery.</summary>
    public static bool IsConfigured(Config config) => config.HasPath(Path);

    /// <summary>The pods of this relay: <c>/api/v1/namespaces/NS/pods?labelSelector=...</c>.</summary>
    public Uri PodsUrl => new(ApiUrl, $"/api/v1/namespaces/{Uri.EscapeDataString(Namespace)}/pods?labelSelector={Uri.EscapeDataString(LabelSelector)}");

    /// <summary>
    /// Reads the block; false with what is wrong and how to fix it. An empty api-url means the
    /// API server of the pod's own cluster (KUBERNETES_SERVICE_HOST and _PORT, which Kubernetes
    /// sets in every container); an empty namespace means the pod's own, from its service account.
    /// </summary>
    public static bool TryLoad(Config config, [NotNullWhen(true)] out KubernetesDiscoverySettings? settings, out string error)
    {
        ArgumentNullException.ThrowIfNull(config);
        settings = null;
        error = string.Empty;
        try
        {
            var block = config.GetConfig(Path);
            var defaultPort = config.GetInt("akka.remote.dot-netty.tcp.port", 0);
            var namespacePath = block.GetString("namespace-path", "/var/run/secrets/kubernetes.io/serviceaccount/namespace");
            if (!TryApiUrl(block.GetString("api-url", string.Empty), out var apiUrl, out error)
                || !TryNamespace(block.GetString("namespace", string.Empty), namespacePath, out var ns, out error))
            {
                return false;
            }

            var required = block.GetInt("required-contact-point-nr", 2);
            if (required < 1)
            {
                error = $"{Path}.required-contact-point-nr must be at least 1 (it is {required.ToString(CultureInfo.InvariantCulture)})";
                return false;
            }

            settings = new KubernetesDiscoverySettings(
                apiUrl,
                ns,
                block.GetString("label-selector", "app.kubernetes.io/name=warren"),
                block.GetString("token-path", "/var/run/secrets/kubernetes.io/serviceaccount/token"),
                block.GetString("ca-path", "/var/run/secrets/kubernetes.io/serviceaccount/ca.crt"),
                block.GetString("port-name", "remoting"),
                defaultPort,
                required,
                block.GetTimeSpan("stable-margin", TimeSpan.FromSeconds(5)),
                block.GetTimeSpan("poll-interval", TimeSpan.FromSeconds(1)));
            return true;
        }
        catch (Exception exception) when (exception is ConfigurationException or FormatException or OverflowException)
        {
            error = $"{Path}: {exception.Message}";
            return false;
        }
    }

    private static bool TryApiUrl(string configured, [NotNullWhen(true)] out Uri? apiUrl, out string error)
    {
        error = string.Empty;
        if (configured.Length == 0)
        {
            var host = Environment.GetEnvironmentVariable("KUBERNETES_SERVICE_HOST");
            var port = Environment.GetEnvironmentVariable("KUBERNETES_SERVICE_PORT") ?? "443";
            if (string.IsNullOrEmpty(host))
            {
                apiUrl = null;
                error = $"{Path}: KUBERNETES_SERVICE_HOST is not set (not in a Kubernetes pod?); set api-url to the API server";
                return false;
            }

            // An IPv6 service address needs brackets in a URL.
            configured = "https://" + (host.Contains(':', StringComparison.Ordinal) ? "[" + host + "]" : host) + ":" + port;
        }

        if (!Uri.TryCreate(configured, UriKind.Absolute, out apiUrl) || (apiUrl.Scheme != Uri.UriSchemeHttps && apiUrl.Scheme != Uri.UriSchemeHttp))
        {
            error = $"{Path}.api-url: \"{configured}\" is not an http(s) URL";
            return false;
        }

        return true;
    }

    private static bool TryNamespace(string configured, string namespacePath, out string ns, out string error)
    {
        error = string.Empty;
        ns = configured;
        if (ns.Length > 0)
        {
            return true;
        }

        if (!File.Exists(namespacePath))
        {
            error = $"{Path}: no namespace set and {namespacePath} does not exist (is the service account token mounted? automountServiceAccountToken must be true)";
            return false;
        }

        ns = File.ReadAllText(namespacePath).Trim();
        if (ns.Length == 0)
        {
            error = $"{Path}: {namespacePath} is empty; set namespace";
            return false;
        }

        return true;
    }
}
