using Microsoft.Extensions.Logging;

namespace Warren.Relay.Edge;

/// <summary>
/// Hands the edge's ASP.NET Core and YARP loggers to the relay's logger factory, so their
/// output goes where Warren's goes, under the web host's own level filters.
/// </summary>
internal sealed class ForwardingLoggerProvider(ILoggerFactory target) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => target.CreateLogger(categoryName);

    public void Dispose()
    {
        // The factory belongs to the host that made it.
    }
}
