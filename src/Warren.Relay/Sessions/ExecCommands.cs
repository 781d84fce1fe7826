using System.Globalization;
using System.Text;

namespace Warren.Relay.Sessions;

/// <summary>
/// The exec commands of a session channel (<c>ssh relay help</c>, <c>tunnels</c>, <c>status</c>,
/// each with <c>--json</c> for scripts). Anything else is refused politely: the relay has no shell.
/// Pure text work; the session actor gathers an <see cref="ExecContext"/> and writes the result.
/// </summary>
internal static class ExecCommands
{
    /// <summary>Longest command line considered; anything longer is not one of ours.</summary>
    private const int MaxCommandLength = 256;

    private static readonly string[] TunnelsHeader = ["NAME", "KIND", "SESSION", "SINCE", "ADDRESS"];

    /// <summary>Parses a command line as sent in an exec request. An empty line means <c>help</c>.</summary>
    public static ExecRequest Parse(string commandLine)
    {
        ArgumentNullException.ThrowIfNull(commandLine);
        var text = ShellGreeting.Shown(commandLine.Trim());
        if (commandLine.Length > MaxCommandLength)
        {
            return new ExecRequest(ExecCommand.Unknown, false, text, null);
        }

        var words = commandLine.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (words.Length == 0)
        {
            return new ExecRequest(ExecCommand.Help, false, text, null);
        }

        var command = words[0].ToLowerInvariant() switch
        {
            "help" or "--help" or "-h" => ExecCommand.Help,
            "tunnels" => ExecCommand.Tunnels,
            "status" => ExecCommand.Status,
            _ => ExecCommand.Unknown,
        };
        var json = words.Skip(1).Any(w => w == "--json");
        if (command == ExecCommand.Unknown)
        {
            return new ExecRequest(command, json, text, null);
        }

        var stray = words.Skip(1).FirstOrDefault(w => w != "--json");
        var problem = stray is null ? null
            : $"warren: {words[0].ToLowerInvariant()} takes no arguments but --json; '{ShellGreeting.Shown(stray)}' is not one\n";
        return new ExecRequest(command, json, text, problem);
    }

    /// <summary>Answers a parsed request.</summary>
    public static ExecResult Run(ExecRequest request, ExecContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        if (request.Problem is { } problem)
        {
            return request.Json
                ? new ExecResult(ExecJson.Error(problem.TrimEnd('\n')), string.Empty, ExecResult.UsageError)
                : new ExecResult(string.Empty, problem, ExecResult.UsageError);
        }

        return (request.Command, request.Json) switch
        {
            (ExecCommand.Help, false) => Ok(Help(context.Relay)),
            (ExecCommand.Help, true) => Ok(ExecJson.Help()),
            (ExecCommand.Tunnels, false) => Ok(Tunnels(context)),
            (ExecCommand.Tunnels, true) => Ok(ExecJson.Tunnels(context)),
            (ExecCommand.Status, false) => Ok(Status(context)),
            (ExecCommand.Status, true) => Ok(ExecJson.Status(context)),
            (_, true) => new ExecResult(ExecJson.Error(SessionRequestRefusals.NoShell.TrimEnd('\n')), string.Empty, ExecResult.NotFound),
            _ => new ExecResult(string.Empty, SessionRequestRefusals.NoShell, ExecResult.NotFound),
        };
    }

    /// <summary>The commands and one line on each, shared by the text and JSON help.</summary>
    internal static IReadOnlyList<(string Name, string Description)> Commands { get; } =
    [
        ("help", "this text"),
        ("tunnels", "this account's tunnels, in all its sessions"),
        ("status", "this session: account, client, counts against the limits"),
    ];

    private static ExecResult Ok(string stdout) => new(stdout, string.Empty, 0);

    private static string Help(RelayEndpoints relay)
    {
        var ssh = $"{relay.SshCommand}";
        var host = relay.SshHost;
        var text = new StringBuilder();
        text.Append("warren: an SSH tunnel relay. It forwards ports; it has no shell.\n\n");
        text.Append("Publish a local service:\n");
        var examples = new List<(string Command, string Result)>();
        if (relay.HttpPort is not null)
        {
            var sample = new TunnelInfo("myapp", TunnelKind.Http, 80, string.Empty, default);
            examples.Add(($"{ssh} -R myapp:80:localhost:3000 {host}", "HTTP at " + TunnelAddresses.Primary(sample, relay)));
        }

        if (relay.TlsPort is not null)
        {
            var sample = new TunnelInfo("myapp", TunnelKind.Tls, 443, string.Empty, default);
            examples.Add(($"{ssh} -R myapp:443:localhost:3443 {host}", "TLS passthrough at " + TunnelAddresses.Primary(sample, relay)));
        }

        examples.Add(($"{ssh} -R mydb:5432:localhost:5432 {host}", "alias mydb:5432, reached through the relay"));
        examples.Add(($"{ssh} -R 0:localhost:22 {host}", "a TCP port on the relay"));
        var width = examples.Max(e => e.Command.Length);
        foreach (var (command, result) in examples)
        {
            text.Append(CultureInfo.InvariantCulture, $"  {command.PadRight(width)}  {result}\n");
        }

        text.Append("Reach an alias:\n");
        text.Append(CultureInfo.InvariantCulture, $"  {ssh} -L 5432:mydb:5432 {host}\n");
        text.Append(CultureInfo.InvariantCulture, $"  {ssh} -W mydb:5432 {host}\n");
        text.Append(CultureInfo.InvariantCulture, $"Commands ({ssh} {host} COMMAND):\n");
        foreach (var (name, description) in Commands)
        {
            text.Append(CultureInfo.InvariantCulture, $"  {name,-8}  {description}\n");
        }

        text.Append("Add --json to any command for output scripts can read.\n");
        return text.ToString();
    }

    private static string Tunnels(ExecContext context)
    {
        var session = context.Session;
        var tunnels = Sorted(context.AccountTunnels);
        var relay = context.Relay;
        if (tunnels.Count == 0)
        {
            return $"No tunnels for {ShellGreeting.Shown(session.Account)}. Publish one with e.g.\n  {relay.SshCommand} -R myapp:80:localhost:3000 {relay.SshHost}\n";
        }

        var rows = new List<string[]> { TunnelsHeader };
        foreach (var tunnel in tunnels)
        {
            var sessionId = ShellGreeting.Shown(tunnel.SessionId);
            rows.Add(
            [
                ShellGreeting.Shown(tunnel.Name),
                TunnelAddresses.Describe(tunnel.Kind),
                tunnel.SessionId == session.SessionId ? sessionId + " (this)" : sessionId,
                tunnel.OpenedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm'Z'", CultureInfo.InvariantCulture),
                TunnelAddresses.Primary(tunnel, relay),
            ]);
        }

        var names = tunnels.Select(t => t.Name).Distinct(StringComparer.OrdinalIgnoreCase).Count();
        var sessions = tunnels.Select(t => t.SessionId).Distinct(StringComparer.Ordinal).Count();
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture,
            $"Tunnels of {ShellGreeting.Shown(session.Account)}: {names} of {context.Limits.TunnelsPerAccount}, served by {sessions} {(sessions == 1 ? "session" : "sessions")}\n");
        AppendTable(text, rows);
        return text.ToString();
    }

    private static string Status(ExecContext context)
    {
        var session = context.Session;
        var limits = context.Limits;
        var relay = context.Relay;
        var tunnels = context.AccountTunnels.Select(t => t.Name).Distinct(StringComparer.OrdinalIgnoreCase).Count();
        var connected = session.ConnectedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var rows = new List<string[]>
        {
            new[] { "account", ShellGreeting.Shown(session.Account) },
            new[] { "session", $"{ShellGreeting.Shown(session.SessionId)} from {ShellGreeting.Shown(session.ClientAddress)}, connected {connected} ({Duration(context.Now - session.ConnectedAt)} ago)" },
            new[] { "channels", Of(session.OpenChannels, limits.ChannelsPerSession) + " in this session" },
            new[] { "forwards", Of(session.Forwards, limits.ForwardsPerSession) + " in this session" },
            new[] { "tunnels", Of(tunnels, limits.TunnelsPerAccount) + " for the account" },
            new[] { "sessions", Of(context.AccountSessions, limits.SessionsPerAccount) + " for the account" },
            new[] { "relay", $"{relay.SshHost}: ssh {Port(relay.SshPort)}, http {Port(relay.HttpPort)}, tls {Port(relay.TlsPort)}, domain {relay.Domain}" },
        };
        var text = new StringBuilder();
        AppendTable(text, rows);
        return text.ToString();
    }

    internal static IReadOnlyList<TunnelInfo> Sorted(IReadOnlyList<TunnelInfo> tunnels) =>
        tunnels.OrderBy(t => t.Name, StringComparer.OrdinalIgnoreCase).ThenBy(t => t.SessionId, StringComparer.Ordinal).ToList();

    private static string Of(int count, int limit) =>
        $"{count.ToString(CultureInfo.InvariantCulture)} of {limit.ToString(CultureInfo.InvariantCulture)}";

    private static string Port(int? port) => port?.ToString(CultureInfo.InvariantCulture) ?? "off";

    /// <summary>"2h 05m", "12m 30s" or "45s": enough to see how long a session has been up.</summary>
    private static string Duration(TimeSpan span)
    {
        if (span < TimeSpan.Zero)
        {
            span = TimeSpan.Zero;
        }

        return span.TotalHours >= 1
            ? string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalHours}h {span.Minutes:00}m")
            : span.TotalMinutes >= 1
                ? string.Create(CultureInfo.InvariantCulture, $"{span.Minutes}m {span.Seconds:00}s")
                : string.Create(CultureInfo.InvariantCulture, $"{span.Seconds}s");
    }

    /// <summary>Columns padded to their widest cell, two spaces apart, no trailing spaces.</summary>
    private static void AppendTable(StringBuilder text, List<string[]> rows)
    {
        var columns = rows[0].Length;
        var widths = new int[columns];
        foreach (var row in rows)
        {
            for (var i = 0; i < columns; i++)
            {
                widths[i] = Math.Max(widths[i], row[i].Length);
            }
        }

        foreach (var row in rows)
        {
            var line = new StringBuilder();
            for (var i = 0; i < columns; i++)
            {
                line.Append(i == columns - 1 ? row[i] : row[i].PadRight(widths[i] + 2));
            }

            text.Append(line.ToString().TrimEnd()).Append('\n');
        }
    }
}
