using System.Text.Json;
using System.Text.Json.Serialization;
using Akka.Actor;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Warren.Relay.Admin;
using Warren.Relay.Cluster;

namespace Warren.Server.Observability;

/// <summary>
/// The admin HTTP API on the metrics port, on only with --admin-token-file. Every request needs
/// <c>Authorization: Bearer TOKEN</c> (401 otherwise). JSON in camelCase, cluster-wide (every
/// reachable node is asked, see <see cref="AdminCluster"/>):
/// <list type="bullet">
/// <item><c>GET /admin/sessions</c>: every node's connections (<see cref="SessionRow"/>).</item>
/// <item><c>GET /admin/tunnels</c>: the tunnels they serve, with node, session and account.</item>
/// <item><c>GET /admin/account?name=ACCOUNT</c>: what the account's sharded entity counts (sessions by node, tunnel names).
/// A query rather than a path segment: anonymous accounts are key fingerprints, with '/' in them.</item>
/// <item><c>POST /admin/sessions/{id}/disconnect[?node=HOST:PORT]</c>: SSH DISCONNECT with a reason; 202, 404, or 409 when the id is on several nodes.</item>
/// <item><c>DELETE /admin/tunnels/{name}</c>: every session on every node stops serving the name; 200, or 404.</item>
/// </list>
/// </summary>
internal sealed class AdminApi(AdminToken token, ActorSystem system)
{
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(5);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        WriteIndented = true,
    };

    private readonly AdminCluster _cluster = new(system);

    public void Map(IEndpointRouteBuilder routes)
    {
        var admin = routes.MapGroup("/admin");
        admin.AddEndpointFilter(async (context, next) =>
            token.Accepts(context.HttpContext.Request.Headers.Authorization.ToString())
                ? await next(context).ConfigureAwait(false)
                : Unauthorized(context.HttpContext));
        admin.MapGet("/sessions", ListSessionsAsync);
        admin.MapGet("/tunnels", ListTunnelsAsync);
        admin.MapGet("/account", DescribeAccountAsync);
        admin.MapPost("/sessions/{id}/disconnect", DisconnectAsync);
        admin.MapDelete("/tunnels/{name}", ReleaseAsync);
    }

    /// <summary>The body of every error answer.</summary>
    public sealed record Error(string Message);

    /// <summary>One session in <c>GET /admin/sessions</c>: a <see cref="SessionView"/> and the node it is on.</summary>
    public sealed record SessionRow(
        string SessionId,
        string Node,
        string Remote,
        string State,
        string? Account,
        DateTimeOffset? AuthenticatedAt,
        int Channels,
        IReadOnlyList<Relay.Sessions.TunnelInfo> Tunnels);

    /// <summary>One tunnel in <c>GET /admin/tunnels</c>.</summary>
    public sealed record TunnelRow(string Name, Relay.Sessions.TunnelKind Kind, int Port, string SessionId, string Node, string? Account, DateTimeOffset OpenedAt);

    private static IResult Unauthorized(HttpContext context)
    {
        context.Response.Headers.WWWAuthenticate = "Bearer";
        return Results.Json(new Error("missing or wrong bearer token; send Authorization: Bearer <the token in --admin-token-file>"), Json, statusCode: StatusCodes.Status401Unauthorized);
    }

    private async Task<IResult> ListSessionsAsync()
    {
        var listing = await _cluster.ListAsync().ConfigureAwait(false);
        return Results.Json(new { sessions = Sessions(listing), missingNodes = listing.Missing }, Json);
    }

    private async Task<IResult> ListTunnelsAsync()
    {
        var listing = await _cluster.ListAsync().ConfigureAwait(false);
        return Results.Json(new { tunnels = Tunnels(listing, name: null), missingNodes = listing.Missing }, Json);
    }

    private async Task<IResult> DescribeAccountAsync(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return Results.Json(new Error("name the account: GET /admin/account?name=ACCOUNT"), Json, statusCode: StatusCodes.Status400BadRequest);
        }

        if (system is not ExtendedActorSystem { Provider: Akka.Cluster.ClusterActorRefProvider })
        {
            return Results.Json(new Error("the account index needs the cluster; this node runs without it"), Json, statusCode: StatusCodes.Status404NotFound);
        }

        try
        {
            var index = await ClusterTunnels.AccountRegion(system).Ask<AccountIndex>(new ListAccount(name), AskTimeout).ConfigureAwait(false);
            return Results.Json(new { account = index.Account, sessions = index.Sessions, tunnels = index.Tunnels }, Json);
        }
        catch (AskTimeoutException)
        {
            return NoAnswer();
        }
    }

    private async Task<IResult> DisconnectAsync(string id, string? node)
    {
        if (await FindNodeAsync(id, node).ConfigureAwait(false) is not { } found)
        {
            return NotFound($"no session '{id}'{(node is null ? string.Empty : $" on node {node}")}; GET /admin/sessions lists them");
        }

        if (found.Error is { } error)
        {
            return error;
        }

        var answer = await _cluster.AskAsync<object>(found.Node!, new DisconnectSession(id)).ConfigureAwait(false);
        return answer switch
        {
            SessionDisconnecting => Results.Json(new { sessionId = id, node = found.Node, status = "disconnecting" }, Json, statusCode: StatusCodes.Status202Accepted),
            SessionNotFound => NotFound($"no session '{id}' on node {found.Node}; GET /admin/sessions lists them"),
            _ => NoAnswer(),
        };
    }

    /// <summary>The node that holds session <paramref name="id"/>: the one named, or the only one that lists it.</summary>
    private async Task<(string? Node, IResult? Error)?> FindNodeAsync(string id, string? node)
    {
        if (node is not null)
        {
            return _cluster.Members().Reachable.ContainsKey(node) ? (node, null) : null;
        }

        var listing = await _cluster.ListAsync().ConfigureAwait(false);
        var holders = listing.Nodes.Where(n => n.Sessions.Any(s => s.SessionId == id)).Select(n => n.Node).ToList();
        return holders.Count switch
        {
            0 => null,
            1 => (holders[0], null),
            _ => (null, Results.Json(
                new Error($"session id '{id}' is on several nodes ({string.Join(", ", holders)}); add ?node=HOST:PORT"), Json, statusCode: StatusCodes.Status409Conflict)),
        };
    }

    private async Task<IResult> ReleaseAsync(string name)
    {
        var listing = await _cluster.ListAsync().ConfigureAwait(false);
        var released = new List<string>();
        foreach (var (node, sessionId) in Tunnels(listing, name).Select(t => (t.Node, t.SessionId)).Distinct())
        {
            if (await _cluster.AskAsync<object>(node, new ReleaseTunnel(sessionId, name)).ConfigureAwait(false) is TunnelReleased { Bindings: > 0 })
            {
                released.Add(sessionId);
            }
        }

        return released.Count == 0
            ? NotFound($"no session serves tunnel '{name}'; GET /admin/tunnels lists them")
            : Results.Json(new { name, releasedFrom = released }, Json);
    }

    private static List<SessionRow> Sessions(AdminCluster.Listing listing) =>
        listing.Nodes
            .SelectMany(n => n.Sessions.Select(s => new SessionRow(s.SessionId, n.Node, s.Remote, s.State, s.Account, s.AuthenticatedAt, s.Channels, s.Tunnels)))
            .ToList();

    private static List<TunnelRow> Tunnels(AdminCluster.Listing listing, string? name) =>
        listing.Nodes
            .SelectMany(n => n.Sessions.SelectMany(s => s.Tunnels.Select(t => new TunnelRow(t.Name, t.Kind, t.Port, s.SessionId, n.Node, s.Account, t.OpenedAt))))
            .Where(t => name is null || string.Equals(t.Name, name, StringComparison.OrdinalIgnoreCase))
            .OrderBy(t => t.Name, StringComparer.Ordinal)
            .ToList();

    private static IResult NotFound(string message) => Results.Json(new Error(message), Json, statusCode: StatusCodes.Status404NotFound);

    private static IResult NoAnswer() =>
        Results.Json(new Error("the relay node did not answer in time; it may be shutting down"), Json, statusCode: StatusCodes.Status503ServiceUnavailable);
}
