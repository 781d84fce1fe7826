namespace Warren.Server.Configuration;

/// <summary>How the console log is written (--log-format, Logging:Format).</summary>
internal enum LogFormat
{
    /// <summary>One line per event, for people.</summary>
    Text,

    /// <summary>One JSON object per event (the console logger's JSON formatter), for log pipelines.</summary>
    Json,
}
