using System.Net.Http.Headers;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Warren.Server.Discovery;

/// <summary>The answer to one look-up: the pods found, or why there are none.</summary>
internal sealed record PodListing(IReadOnlyList<PodEndPoint> Pods, string? Failure);

/// <summary>
/// Asks the Kubernetes API for this relay's pods with the pod's service-account token, over
/// TLS checked against the service account's CA. A plain GET and System.Text.Json: the
/// KubernetesClient package would bring much more than this one call needs. Every failure
/// (no answer, a refusal, a malformed list) comes back as a <see cref="PodListing"/> with the
/// reason, never as an exception.
/// </summary>
internal sealed class KubernetesPodLister : IDisposable
{
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(10);

    private readonly KubernetesDiscoverySettings _settings;
    private readonly HttpClient _http;

    public KubernetesPodLister(KubernetesDiscoverySettings settings)
    {
        _settings = settings;
        var handler = new SocketsHttpHandler();
        if (File.Exists(settings.CaPath))
        {
            // The API server's certificate is issued by the cluster's own CA, which is in no system store.
            var ca = X509CertificateLoader.LoadCertificateFromFile(settings.CaPath);
            handler.SslOptions.CertificateChainPolicy = new X509ChainPolicy
            {
                TrustMode = X509ChainTrustMode.CustomRootTrust,
                CustomTrustStore = { ca },
                RevocationMode = X509RevocationMode.NoCheck,
            };
        }

        // A larger answer fails the read (HttpRequestException) instead of filling memory.
        _http = new HttpClient(handler) { Timeout = RequestTimeout, MaxResponseContentBufferSize = PodListParser.MaxLength };
    }

    /// <summary>One look-up; never throws.</summary>
    public async Task<PodListing> ListAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, _settings.PodsUrl);

            // Read each time: Kubernetes rotates projected service-account tokens.
            if (File.Exists(_settings.TokenPath))
            {
                var token = (await File.ReadAllTextAsync(_settings.TokenPath, cancellationToken).ConfigureAwait(false)).Trim();
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            }

            using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                return Failed($"{_settings.PodsUrl} answered {(int)response.StatusCode} {response.ReasonPhrase}{Hint(response.StatusCode)}");
            }

            return PodListParser.TryParse(body, _settings.PortName, _settings.DefaultPort, out var pods, out var error)
                ? new PodListing(pods, null)
                : Failed($"{_settings.PodsUrl}: {error}");
        }
        catch (Exception exception) when (exception is HttpRequestException or OperationCanceledException or IOException or UnauthorizedAccessException)
        {
            return Failed($"{_settings.PodsUrl}: {exception.Message}");
        }
    }

    public void Dispose() => _http.Dispose();

    private static PodListing Failed(string reason) => new([], reason);

    private static string Hint(System.Net.HttpStatusCode status) => status switch
    {
        System.Net.HttpStatusCode.Unauthorized => " (the service-account token was refused; is it mounted?)",
        System.Net.HttpStatusCode.Forbidden => " (the service account may not list pods: it needs a Role with get/list/watch on pods and a RoleBinding)",
        _ => string.Empty,
    };
}
