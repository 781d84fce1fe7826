using Warren.Interop.Tests.Infrastructure;

namespace Warren.Interop.Tests.Session;

/// <summary>`warren serve --anonymous`, shared by a test class.</summary>
public sealed class AnonymousWarrenFixture() : WarrenFixture("--anonymous");
