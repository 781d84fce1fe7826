namespace Warren.Server.Configuration;

/// <summary>How a setting is spelled on the command line and in lists.</summary>
internal enum SettingShape
{
    /// <summary>One value: <c>--flag VALUE</c> given at most once.</summary>
    Scalar,

    /// <summary>A switch: <c>--flag</c> (or <c>--flag=true|false</c>); true/false in JSON and environment.</summary>
    Switch,

    /// <summary>A list built by repeating the flag; a JSON array or comma-separated text elsewhere.</summary>
    Repeated,

    /// <summary>A comma-separated list given once (as sshd_config algorithm lists); a JSON array is accepted too.</summary>
    CommaList,
}
