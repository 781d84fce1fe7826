using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Warren.Interop.Tests.Infrastructure;

namespace Warren.Cluster.Tests.Infrastructure;

/// <summary>
/// Answers <c>GET /api/v1/namespaces/NS/pods?labelSelector=...</c> as the Kubernetes API
/// server does, on loopback. A stand-in, because Kubernetes itself cannot run here (no kind,
/// no network): the nodes under test are real warren processes and ask it over real HTTP,
/// with the bearer token they read from their token file, exactly as they would ask the API
/// server from a pod. The test decides which pods are listed and can make it misbehave.
/// </summary>
internal sealed class KubernetesApiStandIn : IDisposable
{
    public const string Namespace = "relay-test";
    public const string LabelSelector = "app.kubernetes.io/name=warren";

    private readonly HttpListener _listener = new();
    private readonly Task _serving;
    private readonly Lock _gate = new();
    private readonly List<(string Ip, int Port)> _pods = [];
    private int _requests;

    public KubernetesApiStandIn(string token)
    {
        Token = token;
        Port = FreePort.Get();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}/");
        _listener.Start();
        _serving = ServeAsync();
    }

    /// <summary>What the API answers besides a pod list.</summary>
    public enum Mode
    {
        Pods,
        MalformedJson,
        ServerError,
    }

    public string Token { get; }

    public int Port { get; }

    /// <summary>How the next look-ups are answered (a wrong token always gets 401).</summary>
    public Mode Answer { get; set; } = Mode.Pods;

    /// <summary>Look-ups answered so far, whatever the answer.</summary>
    public int Requests => Volatile.Read(ref _requests);

    /// <summary>Lists a Running pod with this IP and "remoting" container port.</summary>
    public void AddPod(string ip, int remotingPort)
    {
        lock (_gate)
        {
            _pods.Add((ip, remotingPort));
        }
    }

    /// <summary>
    /// A --cluster-config file: cluster-config/kubernetes.hocon as shipped, with the API pointed
    /// here, the token file given, and short waits so the test does not idle.
    /// </summary>
    public string WriteClusterConfig(string directory, string tokenFile, int requiredPods)
    {
        var path = Path.Combine(directory, "kubernetes-test.hocon");
        var shipped = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "cluster-config", "kubernetes.hocon"));
        File.WriteAllText(path, shipped + $$"""

            warren.cluster.kubernetes-discovery {
              api-url = "http://127.0.0.1:{{Port}}"
              namespace = "{{Namespace}}"
              token-path = "{{tokenFile}}"
              ca-path = "{{Path.Combine(directory, "no-ca.crt")}}"
              required-contact-point-nr = {{requiredPods}}
              stable-margin = 1s
              poll-interval = 200ms
            }
            """);
        return path;
    }

    public void Dispose()
    {
        _listener.Close();
        try
        {
            _serving.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // The listener's loop ends with an exception when the listener closes; nothing to report.
        }
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception exception) when (exception is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            Interlocked.Increment(ref _requests);
            using var response = context.Response;
            var (status, body) = Respond(context.Request);
            var bytes = Encoding.UTF8.GetBytes(body);
            response.StatusCode = status;
            response.ContentType = "application/json";
            response.ContentLength64 = bytes.Length;
            try
            {
                await response.OutputStream.WriteAsync(bytes);
            }
            catch (HttpListenerException)
            {
                // The node gave up on this look-up (its timeout); it asks again.
            }
        }
    }

    private (int Status, string Body) Respond(HttpListenerRequest request)
    {
        if (request.Headers["Authorization"] != "Bearer " + Token)
        {
            return (401, """{"kind":"Status","apiVersion":"v1","status":"Failure","message":"Unauthorized","reason":"Unauthorized","code":401}""");
        }

        if (request.Url?.AbsolutePath != $"/api/v1/namespaces/{Namespace}/pods" || request.QueryString["labelSelector"] != LabelSelector)
        {
            return (404, """{"kind":"Status","status":"Failure","message":"not the pods of the relay","code":404}""");
        }

        return Answer switch
        {
            Mode.MalformedJson => (200, """{"kind":"PodList","items":[{"status":"""),
            Mode.ServerError => (500, """{"kind":"Status","status":"Failure","message":"etcd timeout","code":500}"""),
            _ => (200, PodList()),
        };
    }

    private string PodList()
    {
        lock (_gate)
        {
            var items = _pods.Select((pod, i) => new
            {
                metadata = new { name = "warren-" + i.ToString(CultureInfo.InvariantCulture), labels = new Dictionary<string, string> { ["app.kubernetes.io/name"] = "warren" } },
                spec = new { containers = new[] { new { name = "warren", ports = new[] { new { name = "ssh", containerPort = 2222 }, new { name = "remoting", containerPort = pod.Port } } } } },
                status = new { phase = "Running", podIP = pod.Ip, conditions = new[] { new { type = "Ready", status = "False" } } },
            });
            return JsonSerializer.Serialize(new { kind = "PodList", apiVersion = "v1", items });
        }
    }
}
