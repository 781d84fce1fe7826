using System.Text;
using Warren.Relay.Edge;
using Warren.Relay.Sessions;

namespace Warren.Fuzz.Targets;

/// <summary>The session command a client sends (<c>ssh relay allow-accounts=bob auth=...</c>), read as tunnel options.</summary>
internal static class TunnelOptionsTarget
{
    public static void Run(ReadOnlySpan<byte> data)
    {
        var commandLine = Encoding.UTF8.GetString(data);
        EdgeTunnelOptionsParser.LooksLikeOptions(commandLine);
        _ = EdgeTunnelOptionsParser.TryParse(commandLine, out _, out _);
        foreach (var httpsAtEdge in new[] { false, true })
        {
            if (SessionTunnelOptions.TryRead(commandLine, httpsAtEdge, out var options, out _))
            {
                SessionTunnelOptions.Describe(options.AllowAccounts);
                options.Describe();
            }
        }
    }
}
