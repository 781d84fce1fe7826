namespace Warren.Relay.Forwarding;

/// <summary>Refusal texts shared by the direct-tcpip and tcpip-forward policies.</summary>
internal static class ForwardingRefusals
{
    /// <summary>The key (or its certificate) grants no port forwarding at all.</summary>
    public const string ForwardingDisabled =
        "port forwarding is disabled for this key (restrict or no-port-forwarding in authorized_keys, or a certificate without permit-port-forwarding); ask the operator to allow it";

    private const int MaxListed = 5;

    /// <summary>A key's own option values, for "it allows ..." (the person's own key, so no secret); at most five.</summary>
    public static string Listing(IReadOnlyList<string> entries)
    {
        if (entries.Count == 0)
        {
            return "nothing";
        }

        var shown = entries.Take(MaxListed).Select(HostPortText.Printable);
        var more = entries.Count > MaxListed ? $" and {entries.Count - MaxListed} more" : string.Empty;
        return string.Join(", ", shown) + more;
    }
}
