using System.Net;
using System.Net.Sockets;
using Warren.Ssh.Auth;

namespace Warren.Relay.Forwarding;

/// <summary>
/// Decides where a direct-tcpip channel (ssh -L, -W, -J, -D) may go. Tunnel names are always
/// reachable; real hosts only through the operator's --permit-open list (default empty: the
/// relay is not an open proxy). The login's <see cref="KeyPermissions"/> narrow both:
/// <c>no-port-forwarding</c>/<c>restrict</c> refuses everything, and a key's <c>permitopen</c>
/// entries must also allow the target (sshd: the server's PermitOpen and the key's options both
/// apply). Ports above 65535 are refused as sshd does (PROTOCOL-NOTES §2.11).
/// </summary>
/// <remarks>
/// <para>With <c>any</c> (or a <c>*:PORT</c> entry) the relay still refuses its own loopback,
/// link-local, unspecified and listen addresses unless the exact host:port is listed too. Names
/// are only known after resolution, so such a target comes back with
/// <see cref="DirectTargetDecision.CheckAfterResolve"/> set and the caller runs
/// <see cref="CheckResolved"/> on every address before it connects.</para>
/// <para>Immutable after construction; safe to share between sessions and threads.</para>
/// </remarks>
public sealed class DirectTargetPolicy
{
    private readonly PermitOpenEntry[] _permitOpen;
    private readonly IPEndPoint[] _ownListeners;
    private readonly IPAddress[] _ownAddresses;
    private readonly string? _domainSuffix;

    /// <summary>Builds the policy from parsed entries.</summary>
    /// <param name="permitOpen">The --permit-open entries; empty means tunnel names only.</param>
    /// <param name="ownListeners">
    /// Every endpoint the relay listens on (SSH, HTTP, TLS, metrics, cluster, relay links). An
    /// endpoint on 0.0.0.0 or :: stands for its port on each of <paramref name="ownAddresses"/>.
    /// </param>
    /// <param name="ownAddresses">The host's interface addresses, for listeners bound to a wildcard address.</param>
    /// <param name="domain">
    /// The --domain; when given, <c>myapp.&lt;domain&gt;</c> reaches tunnel <c>myapp</c> too, since
    /// that is the name people see in the tunnel's URL.
    /// </param>
    public DirectTargetPolicy(
        IEnumerable<PermitOpenEntry> permitOpen,
        IEnumerable<IPEndPoint>? ownListeners = null,
        IEnumerable<IPAddress>? ownAddresses = null,
        string? domain = null)
    {
        ArgumentNullException.ThrowIfNull(permitOpen);
        _permitOpen = permitOpen.ToArray();
        _ownListeners = ownListeners?.ToArray() ?? [];
        _ownAddresses = ownAddresses?.Select(HostPortText.Normalize).ToArray() ?? [];
        _domainSuffix = string.IsNullOrEmpty(domain) ? null : "." + domain.TrimEnd('.');
    }

    /// <summary>The policy of a relay with no --permit-open: tunnel names only.</summary>
    public static DirectTargetPolicy TunnelsOnly { get; } = new([]);

    /// <summary>The server's entries, as given.</summary>
    public IReadOnlyList<PermitOpenEntry> PermitOpen => _permitOpen;

    /// <summary>
    /// Parses --permit-open values (<c>any</c>, <c>HOST:PORT</c>, <c>[v6]:PORT</c>, <c>HOST:*</c>).
    /// On failure <paramref name="error"/> names the bad value.
    /// </summary>
    public static bool TryCreate(
        IEnumerable<string> permitOpen,
        IEnumerable<IPEndPoint>? ownListeners,
        IEnumerable<IPAddress>? ownAddresses,
        string? domain,
        out DirectTargetPolicy policy,
        out string error)
    {
        ArgumentNullException.ThrowIfNull(permitOpen);
        policy = TunnelsOnly;
        var entries = new List<PermitOpenEntry>();
        foreach (var text in permitOpen)
        {
            if (!PermitOpenEntry.TryParse(text, out var entry, out error))
            {
                error = "--permit-open " + error;
                return false;
            }

            entries.Add(entry);
        }

        error = string.Empty;
        policy = new DirectTargetPolicy(entries, ownListeners, ownAddresses, domain);
        return true;
    }

    /// <summary>Decides one direct-tcpip request.</summary>
    /// <param name="host">The "host to connect" string as sent.</param>
    /// <param name="port">The "port to connect" as sent (uint32 on the wire).</param>
    /// <param name="permissions">What the login grants.</param>
    /// <param name="isTunnelName">
    /// True when a tunnel of that name exists (the caller's registry, not a syntax check: a real
    /// host such as <c>db.internal</c> also looks like a name). Names are DNS labels, so it
    /// should ignore case; the decision carries the name as sent.
    /// </param>
    public DirectTargetDecision Decide(string host, uint port, KeyPermissions permissions, Func<string, bool> isTunnelName)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(permissions);
        ArgumentNullException.ThrowIfNull(isTunnelName);
        host = HostPortText.Unbracket(host);
        var shown = HostPortText.Printable(HostPortText.Format(host, port));

        if (!permissions.PortForwarding)
        {
            return DirectTargetDecision.Refused(host, port <= 65535 ? (int)port : 0, ForwardingRefusals.ForwardingDisabled);
        }

        if (port is 0 or > 65535)
        {
            return DirectTargetDecision.Refused(host, 0, $"port {port} is out of range; a destination port is 1 to 65535");
        }

        var portNumber = (int)port;
        if (host.Length == 0)
        {
            return DirectTargetDecision.Refused(host, portNumber, "no destination host was given; write e.g. ssh -L 5432:mydb:5432 RELAY");
        }

        if (permissions.PermitOpen is { } keyList && !PermitOpenEntry.ParseAll(keyList).Any(e => e.Matches(host, portNumber)))
        {
            return DirectTargetDecision.Refused(host, portNumber, $"this key's permitopen= does not allow {shown}; it allows {ForwardingRefusals.Listing(keyList)}");
        }

        if (isTunnelName(host))
        {
            return DirectTargetDecision.Tunnel(host, portNumber);
        }

        if (_domainSuffix is not null
            && host.TrimEnd('.').EndsWith(_domainSuffix, StringComparison.OrdinalIgnoreCase)
            && host.TrimEnd('.')[..^_domainSuffix.Length] is { Length: > 0 } label
            && isTunnelName(label))
        {
            return DirectTargetDecision.Tunnel(label, portNumber);
        }

        if (_permitOpen.Length == 0)
        {
            return DirectTargetDecision.Refused(host, portNumber,
                $"{shown} is not a tunnel on this relay, and the relay forwards only to tunnel names (ssh -L PORT:NAME:PORT); the operator can allow real hosts with --permit-open HOST:PORT");
        }

        var explicitMatch = _permitOpen.Any(e => !e.IsWildcardHost && e.Matches(host, portNumber));
        if (explicitMatch)
        {
            return DirectTargetDecision.RealHost(host, portNumber, checkAfterResolve: false);
        }

        if (!_permitOpen.Any(e => e.Matches(host, portNumber)))
        {
            return DirectTargetDecision.Refused(host, portNumber,
                $"{shown} is neither a tunnel on this relay nor allowed by --permit-open; the operator can allow it with --permit-open {shown}");
        }

        // Allowed only by a wildcard. An IP literal can be judged now; a name after resolution.
        if (IPAddress.TryParse(host, out var literal))
        {
            var check = CheckResolved(literal, portNumber);
            return check.IsAllowed ? DirectTargetDecision.RealHost(host, portNumber, checkAfterResolve: false) : check;
        }

        return DirectTargetDecision.RealHost(host, portNumber, checkAfterResolve: true);
    }

    /// <summary>
    /// <see cref="CheckResolved(IPAddress, int, string?)"/> for one address of
    /// <paramref name="decision"/>'s host: allowed at once when the decision needs no check (the
    /// operator named the host), so the caller may run it on every connect.
    /// </summary>
    public DirectTargetDecision CheckResolved(DirectTargetDecision decision, IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(decision);
        ArgumentNullException.ThrowIfNull(address);
        if (decision.Kind != DirectTargetKind.RealHost)
        {
            throw new ArgumentException("only a real-host decision is resolved", nameof(decision));
        }

        return decision.CheckAfterResolve
            ? CheckResolved(address, decision.Port, decision.Host)
            : DirectTargetDecision.RealHost(HostPortText.Normalize(address).ToString(), decision.Port, checkAfterResolve: false);
    }

    /// <summary>
    /// The check after name resolution, for a decision with
    /// <see cref="DirectTargetDecision.CheckAfterResolve"/>: run it on each address the name
    /// resolved to and connect only to addresses that pass. Loopback, link-local, unspecified,
    /// multicast, the relay's own listeners and the addresses of its own interfaces are refused
    /// unless <c>address:port</c> itself is listed in --permit-open.
    /// </summary>
    /// <param name="address">The resolved address.</param>
    /// <param name="port">The port the relay would connect to.</param>
    /// <param name="requestedHost">The name the client asked for, for the message; null to show the address only.</param>
    public DirectTargetDecision CheckResolved(IPAddress address, int port, string? requestedHost = null)
    {
        ArgumentNullException.ThrowIfNull(address);
        address = HostPortText.Normalize(address);
        var text = address.ToString();
        if (_permitOpen.Any(e => e.NamesAddress(address, port)))
        {
            return DirectTargetDecision.RealHost(text, port, checkAfterResolve: false);
        }

        var what = SpecialAddresses.Describe(address)
            ?? (IsOwnListener(address, port) ? "one of the relay's own listeners" : null)
            ?? (OwnAddresses.Contains(address) ? "one of the relay's own addresses" : null);
        if (what is null)
        {
            return DirectTargetDecision.RealHost(text, port, checkAfterResolve: false);
        }

        var target = HostPortText.Format(text, port);
        var subject = requestedHost is null || HostPortText.SameHost(requestedHost, text)
            ? target
            : $"{HostPortText.Printable(requestedHost)} resolves to {target}, which";
        return DirectTargetDecision.Refused(text, port,
            $"{subject} is {what}; under --permit-open any the relay still refuses its own loopback, link-local and listen addresses; the operator can allow this one with --permit-open {target}");
    }

    private bool IsOwnListener(IPAddress address, int port)
    {
        foreach (var listener in _ownListeners)
        {
            if (listener.Port != port)
            {
                continue;
            }

            var bound = HostPortText.Normalize(listener.Address);
            if (bound.Equals(address))
            {
                return true;
            }

            var wildcard = bound.Equals(IPAddress.Any) || bound.Equals(IPAddress.IPv6Any);
            if (wildcard && _ownAddresses.Any(a => a.Equals(address)
                && (bound.AddressFamily == AddressFamily.InterNetworkV6 || a.AddressFamily == AddressFamily.InterNetwork)))
            {
                return true;
            }
        }

        return false;
    }
}
