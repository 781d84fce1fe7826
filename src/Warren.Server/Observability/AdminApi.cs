using System.Text.Json;
using System.Text.Json.Serialization;
using Akka.Actor;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Warren.Relay.Admin;

namespace Warren.Server.Observability;

/// <summary>
/// The admin HTTP API on the metrics port, on only with --admin-token-file. Every request needs
/// <c>Authorization: Bearer TOKEN</c> (401 otherwise). JSON in camelCase:
/// <list type="bullet">
/// <item><c>GET /admin/sessions</c>: this node's connections (<see cref="SessionView"/>).</item>
/// <item><c>GET /admin/tunnels</c>: the tunnels they serve, with the session and account.</item>
/// <item><c>POST /admin/sessions/{id}/disconnect</c>: SSH DISCONNECT with a reason; 202, or 404.</item>
/// <item><c>DELETE /admin/tunnels/{name}</c>: every session here stops serving the name; 200, or 404.</item>
/// </list>
/// It asks <c>/user/node/sessions</c>; the cluster work widens the lists through the account and
/// tunnel entities.
/// </summary>
internal sealed class AdminApi(AdminToken token, ActorSystem system)
{
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(5);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        WriteIndented = true,
    };

    private ActorSelection Sessions => system.ActorSelection("/user/node/sessions");

    public void Map(IEndpointRouteBuilder routes)
    {
        var admin = routes.MapGroup("/admin");
        admin.AddEndpointFilter(async (context, next) =>
            token.Accepts(context.HttpContext.Request.Headers.Authorization.ToString())
                ? await next(context).ConfigureAwait(false)
                : Unauthorized(context.HttpContext));
        admin.MapGet("/sessions", ListSessionsAsync);
        admin.MapGet("/tunnels", ListTunnelsAsync);
        admin.MapPost("/sessions/{id}/disconnect", DisconnectAsync);
        admin.MapDelete("/tunnels/{name}", ReleaseAsync);
    }

    /// <summary>The body of every error answer.</summary>
    public sealed record Error(string Message);

    /// <summary>One tunnel in <c>GET /admin/tunnels</c>.</summary>
    public sealed record TunnelRow(string Name, Relay.Sessions.TunnelKind Kind, int Port, string SessionId, string? Account, DateTimeOffset OpenedAt);

    private static IResult Unauthorized(HttpContext context)
    {
        context.Response.Headers.WWWAuthenticate = "Bearer";
        return Results.Json(new Error("missing or wrong bearer token; send Authorization: Bearer <the token in --admin-token-file>"), Json, statusCode: StatusCodes.Status401Unauthorized);
    }

    private async Task<IResult> ListSessionsAsync()
    {
        var list = await AskAsync<SessionList>(ListSessions.Instance).ConfigureAwait(false);
        return list is null ? NoAnswer() : Results.Json(new { sessions = list.Sessions }, Json);
    }

    private async Task<IResult> ListTunnelsAsync()
    {
        var list = await AskAsync<SessionList>(ListSessions.Instance).ConfigureAwait(false);
        return list is null ? NoAnswer() : Results.Json(new { tunnels = Tunnels(list, name: null) }, Json);
    }

    private async Task<IResult> DisconnectAsync(string id)
    {
        var answer = await AskAsync<object>(new DisconnectSession(id)).ConfigureAwait(false);
        return answer switch
        {
            SessionDisconnecting => Results.Json(new { sessionId = id, status = "disconnecting" }, Json, statusCode: StatusCodes.Status202Accepted),
            SessionNotFound => Results.Json(new Error($"no session '{id}' on this node; GET /admin/sessions lists them"), Json, statusCode: StatusCodes.Status404NotFound),
            _ => NoAnswer(),
        };
    }

    private async Task<IResult> ReleaseAsync(string name)
    {
        var list = await AskAsync<SessionList>(ListSessions.Instance).ConfigureAwait(false);
        if (list is null)
        {
            return NoAnswer();
        }

        var released = new List<string>();
        foreach (var sessionId in Tunnels(list, name).Select(t => t.SessionId).Distinct())
        {
            if (await AskAsync<object>(new ReleaseTunnel(sessionId, name)).ConfigureAwait(false) is TunnelReleased { Bindings: > 0 })
            {
                released.Add(sessionId);
            }
        }

        return released.Count == 0
            ? Results.Json(new Error($"no session on this node serves tunnel '{name}'; GET /admin/tunnels lists them"), Json, statusCode: StatusCodes.Status404NotFound)
            : Results.Json(new { name, releasedFrom = released }, Json);
    }

    private static List<TunnelRow> Tunnels(SessionList list, string? name) =>
        list.Sessions
            .SelectMany(s => s.Tunnels.Select(t => new TunnelRow(t.Name, t.Kind, t.Port, s.SessionId, s.Account, t.OpenedAt)))
            .Where(t => name is null || string.Equals(t.Name, name, StringComparison.OrdinalIgnoreCase))
            .OrderBy(t => t.Name, StringComparer.Ordinal)
            .ToList();

    private static IResult NoAnswer() =>
        Results.Json(new Error("the relay node did not answer in time; it may be shutting down"), Json, statusCode: StatusCodes.Status503ServiceUnavailable);

    private async Task<T?> AskAsync<T>(object message)
        where T : class
    {
        try
        {
            return await Sessions.Ask<T>(message, AskTimeout).ConfigureAwait(false);
        }
        catch (AskTimeoutException)
        {
            return null;
        }
    }
}
