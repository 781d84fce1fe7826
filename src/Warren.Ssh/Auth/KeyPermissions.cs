namespace Warren.Ssh.Auth;

/// <summary>
/// What one successful login grants: the intersection of what the authorized_keys options and
/// the certificate (if any) allow (sshd.8: the most restrictive union). It travels with the
/// session; the forwarding code enforces it.
/// </summary>
public sealed record KeyPermissions
{
    /// <summary>Everything the server's own policy allows.</summary>
    public static KeyPermissions Unrestricted { get; } = new();

    /// <summary>False after <c>restrict</c> or <c>no-port-forwarding</c>, or a certificate without <c>permit-port-forwarding</c>.</summary>
    public bool PortForwarding { get; init; } = true;

    /// <summary><c>permitopen="host:port"</c> entries, literal; null when the key sets none (the server's policy applies).</summary>
    public IReadOnlyList<string>? PermitOpen { get; init; }

    /// <summary><c>permitlisten="[host:]port"</c> entries (ports or tunnel names); null when the key sets none.</summary>
    public IReadOnlyList<string>? PermitListen { get; init; }

    /// <summary>A certificate's <c>force-command</c> or a key's <c>command=</c>; the relay has no shell, so it only refuses shells.</summary>
    public string? ForceCommand { get; init; }

    /// <summary>Where the key or certificate came from, for the log: "file:line" or "certificate key id".</summary>
    public string Source { get; init; } = string.Empty;

    /// <summary>Combines two grants so that each restriction of either holds (sshd.8, cert-authority).</summary>
    public KeyPermissions Intersect(KeyPermissions other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return new KeyPermissions
        {
            PortForwarding = PortForwarding && other.PortForwarding,
            PermitOpen = IntersectLists(PermitOpen, other.PermitOpen),
            PermitListen = IntersectLists(PermitListen, other.PermitListen),
            ForceCommand = ForceCommand ?? other.ForceCommand,
            Source = string.IsNullOrEmpty(Source) ? other.Source : Source,
        };
    }

    private static IReadOnlyList<string>? IntersectLists(IReadOnlyList<string>? a, IReadOnlyList<string>? b)
    {
        if (a is null)
        {
            return b;
        }

        if (b is null)
        {
            return a;
        }

        var result = new List<string>();
        foreach (var item in a)
        {
            if (b.Contains(item))
            {
                result.Add(item);
            }
        }

        return result;
    }
}
