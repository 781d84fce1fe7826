using System.Net;
using System.Text.Json;

namespace Warren.Server.Discovery;

/// <summary>One pod that can be a contact point: its IP and the port its remoting listens on.</summary>
internal readonly record struct PodEndPoint(IPAddress Address, int Port)
{
    public override string ToString() => Address + ":" + Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>
/// Reads a Kubernetes PodList (the answer of <c>GET /api/v1/namespaces/NS/pods</c>) into the
/// pods that can take part in forming the cluster: phase Running, an IP, not being deleted.
/// Readiness is not asked for: a Warren pod is ready only once it is a cluster member, so
/// waiting for ready pods would wait forever. The answer comes from the network: nothing here
/// throws on it; a malformed list is a failure with the reason.
/// </summary>
internal static class PodListParser
{
    /// <summary>The largest answer read; far above a PodList of a few hundred pods.</summary>
    public const int MaxLength = 8 * 1024 * 1024;

    /// <summary>
    /// True with the pods (sorted, lowest first) when <paramref name="json"/> is a PodList;
    /// false with what is wrong otherwise.
    /// </summary>
    /// <param name="portName">The named container port of remoting; a pod without it uses <paramref name="defaultPort"/>.</param>
    public static bool TryParse(ReadOnlySpan<byte> json, string portName, int defaultPort, out List<PodEndPoint> pods, out string error)
    {
        pods = [];
        error = string.Empty;
        if (json.Length > MaxLength)
        {
            error = $"the pod list is larger than {MaxLength} bytes";
            return false;
        }

        var document = TryReadDocument(json, out error);
        if (document is null)
        {
            return false;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("items", out var items) || items.ValueKind != JsonValueKind.Array)
            {
                error = root.ValueKind == JsonValueKind.Object && Text(root, "kind") is { } kind
                    ? $"expected a PodList with \"items\", got kind {kind}: {Text(root, "message") ?? "(no message)"}"
                    : "expected a PodList with \"items\"";
                return false;
            }

            foreach (var item in items.EnumerateArray())
            {
                if (TryReadPod(item, portName, defaultPort, out var pod))
                {
                    pods.Add(pod);
                }
            }
        }

        pods.Sort(Compare);
        return true;
    }

    /// <summary>Lowest address first (numerically, so 10.0.0.9 comes before 10.0.0.10), then lowest port.</summary>
    public static int Compare(PodEndPoint x, PodEndPoint y)
    {
        var a = x.Address.GetAddressBytes();
        var b = y.Address.GetAddressBytes();
        var byAddress = a.Length != b.Length ? a.Length.CompareTo(b.Length) : a.AsSpan().SequenceCompareTo(b);
        return byAddress != 0 ? byAddress : x.Port.CompareTo(y.Port);
    }

    private static JsonDocument? TryReadDocument(ReadOnlySpan<byte> json, out string error)
    {
        error = string.Empty;
        var reader = new Utf8JsonReader(json);
        try
        {
            if (JsonDocument.TryParseValue(ref reader, out var document))
            {
                return document;
            }
        }
        catch (JsonException exception)
        {
            // System.Text.Json reports malformed JSON only by throwing; it ends here, once per answer.
            error = "the pod list is not JSON: " + exception.Message;
            return null;
        }

        error = "the pod list is empty or cut short";
        return null;
    }

    private static bool TryReadPod(JsonElement item, string portName, int defaultPort, out PodEndPoint pod)
    {
        pod = default;
        if (item.ValueKind != JsonValueKind.Object
            || !item.TryGetProperty("status", out var status) || status.ValueKind != JsonValueKind.Object
            || Text(status, "phase") != "Running"
            || !IPAddress.TryParse(Text(status, "podIP"), out var address))
        {
            return false;
        }

        // A pod being deleted is on its way out (it drains and leaves); it must not seed a new cluster.
        if (item.TryGetProperty("metadata", out var metadata) && metadata.ValueKind == JsonValueKind.Object
            && metadata.TryGetProperty("deletionTimestamp", out var deletion) && deletion.ValueKind != JsonValueKind.Null)
        {
            return false;
        }

        pod = new PodEndPoint(address, NamedPort(item, portName) ?? defaultPort);
        return true;
    }

    private static int? NamedPort(JsonElement pod, string portName)
    {
        if (!pod.TryGetProperty("spec", out var spec) || spec.ValueKind != JsonValueKind.Object
            || !spec.TryGetProperty("containers", out var containers) || containers.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        foreach (var container in containers.EnumerateArray())
        {
            if (container.ValueKind != JsonValueKind.Object
                || !container.TryGetProperty("ports", out var ports) || ports.ValueKind != JsonValueKind.Array)
            {
                continue;
            }

            foreach (var port in ports.EnumerateArray())
            {
                if (port.ValueKind == JsonValueKind.Object && Text(port, "name") == portName
                    && port.TryGetProperty("containerPort", out var number)
                    && number.TryGetInt32(out var value) && value is > 0 and <= 65535)
                {
                    return value;
                }
            }
        }

        return null;
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
