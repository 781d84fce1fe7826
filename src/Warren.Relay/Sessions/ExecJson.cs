using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Warren.Relay.Sessions;

/// <summary>
/// The <c>--json</c> answers, written with <see cref="Utf8JsonWriter"/> (no reflection, so
/// trimming-safe). Field names are camelCase and stable: scripts depend on them; add, never
/// rename. Times are ISO 8601 UTC. Each answer is one document followed by "\n".
/// </summary>
internal static class ExecJson
{
    // The relaxed encoder leaves '+', '<' and non-ASCII readable: this output goes to a terminal
    // or a script, never into HTML, which is what the default escaping protects.
    private static readonly JsonWriterOptions Options = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>{"commands":[{"name","description"}]}.</summary>
    public static string Help() => Write(json =>
    {
        json.WriteStartArray("commands");
        foreach (var (name, description) in ExecCommands.Commands)
        {
            json.WriteStartObject();
            json.WriteString("name", name);
            json.WriteString("description", description);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    });

    /// <summary>{"account","limit","tunnels":[{"name","kind","port","session","thisSession","openedAt","addresses":[{"kind","value"}]}]}.</summary>
    public static string Tunnels(ExecContext context) => Write(json =>
    {
        json.WriteString("account", context.Session.Account);
        json.WriteNumber("limit", context.Limits.TunnelsPerAccount);
        json.WriteStartArray("tunnels");
        foreach (var tunnel in ExecCommands.Sorted(context.AccountTunnels))
        {
            json.WriteStartObject();
            json.WriteString("name", tunnel.Name);
            json.WriteString("kind", TunnelAddresses.Describe(tunnel.Kind));
            json.WriteNumber("port", tunnel.Port);
            json.WriteString("session", tunnel.SessionId);
            json.WriteBoolean("thisSession", tunnel.SessionId == context.Session.SessionId);
            json.WriteString("openedAt", tunnel.OpenedAt.UtcDateTime);
            json.WriteStartArray("addresses");
            foreach (var address in TunnelAddresses.For(tunnel, context.Relay))
            {
                json.WriteStartObject();
                json.WriteString("kind", address.Kind);
                json.WriteString("value", address.Value);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();
    });

    /// <summary>{"account","session":{...},"channels","forwards","tunnels","sessions":{"count","limit"},"relay":{...}}.</summary>
    public static string Status(ExecContext context) => Write(json =>
    {
        var session = context.Session;
        var limits = context.Limits;
        var relay = context.Relay;
        json.WriteString("account", session.Account);
        json.WriteStartObject("session");
        json.WriteString("id", session.SessionId);
        json.WriteString("client", session.ClientAddress);
        json.WriteString("connectedAt", session.ConnectedAt.UtcDateTime);
        json.WriteNumber("uptimeSeconds", Math.Max(0L, (long)(context.Now - session.ConnectedAt).TotalSeconds));
        json.WriteEndObject();
        Counted(json, "channels", session.OpenChannels, limits.ChannelsPerSession);
        Counted(json, "forwards", session.Forwards, limits.ForwardsPerSession);
        Counted(json, "tunnels", context.AccountTunnels.Select(t => t.Name).Distinct(StringComparer.OrdinalIgnoreCase).Count(), limits.TunnelsPerAccount);
        Counted(json, "sessions", context.AccountSessions, limits.SessionsPerAccount);
        json.WriteStartObject("relay");
        json.WriteString("domain", relay.Domain);
        json.WriteString("sshHost", relay.SshHost);
        json.WriteNumber("sshPort", relay.SshPort);
        NumberOrNull(json, "httpPort", relay.HttpPort);
        NumberOrNull(json, "tlsPort", relay.TlsPort);
        json.WriteEndObject();
    });

    /// <summary>{"error":"..."} for a refused or malformed command.</summary>
    public static string Error(string message) => Write(json => json.WriteString("error", message));

    private static void Counted(Utf8JsonWriter json, string name, int count, int limit)
    {
        json.WriteStartObject(name);
        json.WriteNumber("count", count);
        json.WriteNumber("limit", limit);
        json.WriteEndObject();
    }

    private static void NumberOrNull(Utf8JsonWriter json, string name, int? value)
    {
        if (value is { } number)
        {
            json.WriteNumber(name, number);
        }
        else
        {
            json.WriteNull(name);
        }
    }

    private static string Write(Action<Utf8JsonWriter> body)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var json = new Utf8JsonWriter(buffer, Options))
        {
            json.WriteStartObject();
            body(json);
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan) + "\n";
    }
}
