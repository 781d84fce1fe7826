using System.Net;
using Microsoft.Extensions.Logging;
using Warren.Relay.Listeners;
using Warren.Server.Configuration;
using Warren.Ssh.Transport;

namespace Warren.Server.Hosting;

/// <summary>Runs `warren serve`: host keys, transport settings, the SSH listener, until shutdown.</summary>
internal static class RelayHost
{
    public static async Task<int> RunAsync(ServeOptions options, CancellationToken cancellationToken)
    {
        var keys = HostKeyStore.LoadOrGenerate(options.HostKeys, options.DataDir, Console.Out);
        var settings = TransportSettingsFactory.Create(options);
        using var loggerFactory = LoggerFactory.Create(builder => builder
            .AddSimpleConsole(console =>
            {
                console.SingleLine = true;
                console.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ ";
                console.UseUtcTimestamp = true;
            })
            .SetMinimumLevel(LogLevel.Information));
        var listenerOptions = new SshListenerOptions(ParseEndPoint(options.SshListen), keys, settings)
        {
            LoginGraceTime = options.LoginGraceTime,
            Auth = AuthSetup.Create(options, loggerFactory.CreateLogger("Warren.Auth"), Console.Out),
            MaxStartups = options.MaxStartups,
            PerSourceMaxStartups = options.PerSourceMaxStartups,
            Penalties = options.PerSourcePenalties ? new SourcePenaltyOptions() : null,
        };

        await using var listener = new SshListener(listenerOptions, loggerFactory.CreateLogger("Warren.Ssh"));
        Console.Out.WriteLine($"warren {typeof(RelayHost).Assembly.GetName().Version?.ToString(3)}: SSH on {listener.LocalEndPoint}");
        await listener.RunAsync(cancellationToken).ConfigureAwait(false);
        return 0;
    }

    private static IPEndPoint ParseEndPoint(string hostPort)
    {
        // The options loader has checked the syntax; a host name is resolved once, at start.
        if (IPEndPoint.TryParse(hostPort, out var endPoint))
        {
            return endPoint;
        }

        var colon = hostPort.LastIndexOf(':');
        var host = hostPort[..colon];
        var port = int.Parse(hostPort[(colon + 1)..], System.Globalization.CultureInfo.InvariantCulture);
        var address = Dns.GetHostAddresses(host).FirstOrDefault()
            ?? throw new InvalidOperationException($"--ssh-listen: '{host}' does not resolve");
        return new IPEndPoint(address, port);
    }
}
