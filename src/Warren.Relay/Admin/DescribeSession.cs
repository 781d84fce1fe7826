namespace Warren.Relay.Admin;

/// <summary>Asks one connection actor to describe itself, in any state; answered with <see cref="SessionView"/>.</summary>
public sealed record DescribeSession
{
    /// <summary>The one instance.</summary>
    public static DescribeSession Instance { get; } = new();
}
