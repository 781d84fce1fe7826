namespace Warren.Relay.Edge;

/// <summary>The user and password of a tunnel's <c>auth=</c> option, which visitors must send with HTTP basic auth.</summary>
internal sealed record BasicAuthCredentials(string User, string Password)
{
    /// <summary>Never shows the password (this record reaches logs through the options).</summary>
    public override string ToString() => User + ":***";
}
