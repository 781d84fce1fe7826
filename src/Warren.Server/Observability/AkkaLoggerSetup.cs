using Akka.Actor.Setup;
using Microsoft.Extensions.Logging;

namespace Warren.Server.Observability;

/// <summary>Carries the process's <see cref="ILoggerFactory"/> into the actor system, for <see cref="AkkaLogBridge"/>.</summary>
internal sealed class AkkaLoggerSetup(ILoggerFactory loggers) : Setup
{
    public ILoggerFactory Loggers { get; } = loggers;
}
