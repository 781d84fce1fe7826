using Warren.Interop.Tests.Infrastructure;

namespace Warren.Interop.Tests.Limits;

/// <summary>`warren serve --anonymous` that probes a silent client every second and gives up after two unanswered probes.</summary>
public sealed class ClientAliveWarrenFixture() : WarrenFixture(
    "--anonymous", "--client-alive-interval", "1", "--client-alive-count-max", "2");
