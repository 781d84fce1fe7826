using Microsoft.Extensions.Logging;
using Warren.Server.Configuration;

namespace Warren.Server.Observability;

/// <summary>
/// The console log of <c>warren serve</c>: one line per event (text) or one JSON object per event
/// (json), UTC timestamps, Information and above. The relay's own event ids (1000..) are in both.
/// </summary>
internal static class LogSetup
{
    private const string Timestamp = "yyyy-MM-ddTHH:mm:ss.fffZ ";

    public static ILoggerFactory CreateFactory(LogFormat format) =>
        LoggerFactory.Create(builder => Configure(builder, format));

    public static void Configure(ILoggingBuilder builder, LogFormat format)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ClearProviders();
        if (format == LogFormat.Json)
        {
            builder.AddJsonConsole(json =>
            {
                json.UseUtcTimestamp = true;
                json.TimestampFormat = Timestamp.TrimEnd();
            });
        }
        else
        {
            builder.AddSimpleConsole(console =>
            {
                console.SingleLine = true;
                console.TimestampFormat = Timestamp;
                console.UseUtcTimestamp = true;
            });
        }

        // ASP.NET Core's per-request logs would drown the relay's; its warnings still show.
        builder.SetMinimumLevel(LogLevel.Information)
            .AddFilter("Microsoft.AspNetCore", LogLevel.Warning)
            .AddFilter("Microsoft.Hosting", LogLevel.Warning);
    }
}
