using Akka.Actor;
using Akka.Dispatch;
using Akka.Event;
using Microsoft.Extensions.Logging;

namespace Warren.Server.Observability;

/// <summary>
/// Akka's logger actor (<c>akka.loggers</c>): writes Akka's own log events (and actors that log
/// through <c>Context.GetLogger()</c>) to Microsoft.Extensions.Logging, so one console format
/// and one level switch cover everything. The category is the log source's class, e.g.
/// <c>Akka.Actor.ActorSystem</c> or <c>Warren.Relay.Tunnels.TunnelRegistry</c>.
/// </summary>
internal sealed class AkkaLogBridge : ReceiveActor, IRequiresMessageQueue<ILoggerMessageQueueSemantics>
{
    /// <summary>Akka's config value for <c>akka.loggers</c>.</summary>
    public static string TypeName { get; } = typeof(AkkaLogBridge).AssemblyQualifiedName!;

    private readonly ILoggerFactory _loggers;

    public AkkaLogBridge()
    {
        _loggers = Context.System.Settings.Setup.Get<AkkaLoggerSetup>().Value?.Loggers
            ?? throw new InvalidOperationException("AkkaLogBridge needs an AkkaLoggerSetup in the actor system's setup");
        Receive<InitializeLogger>(_ => Sender.Tell(new LoggerInitialized()));
        Receive<LogEvent>(Write);
    }

    private void Write(LogEvent e)
    {
        var level = e.LogLevel() switch
        {
            Akka.Event.LogLevel.DebugLevel => Microsoft.Extensions.Logging.LogLevel.Debug,
            Akka.Event.LogLevel.InfoLevel => Microsoft.Extensions.Logging.LogLevel.Information,
            Akka.Event.LogLevel.WarningLevel => Microsoft.Extensions.Logging.LogLevel.Warning,
            _ => Microsoft.Extensions.Logging.LogLevel.Error,
        };
        var logger = _loggers.CreateLogger(e.LogClass?.FullName ?? "Akka");
        if (!logger.IsEnabled(level))
        {
            return;
        }

#pragma warning disable CA1848, CA2254 // Akka hands over a finished message; there is no template to source-generate.
        logger.Log(level, new EventId(2100, "akka"), e.Cause, "{Source}: {Message}", e.LogSource, e.Message);
#pragma warning restore CA1848, CA2254
    }
}
