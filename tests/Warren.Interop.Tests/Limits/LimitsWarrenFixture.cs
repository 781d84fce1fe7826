using Warren.Interop.Tests.Infrastructure;

namespace Warren.Interop.Tests.Limits;

/// <summary>
/// `warren serve --anonymous` (each key its own account) with small limits, so a test reaches
/// each with a handful of channels, forwards, tunnels or sessions.
/// </summary>
public sealed class LimitsWarrenFixture() : WarrenFixture(
    "--anonymous",
    "--max-channels-per-session", "3",
    "--max-forwards-per-session", "2",
    "--max-tunnels-per-account", "3",
    "--max-sessions-per-account", "2")
{
    public const int Channels = 3;
}
