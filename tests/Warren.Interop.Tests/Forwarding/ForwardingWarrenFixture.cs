using Warren.Interop.Tests.Infrastructure;

namespace Warren.Interop.Tests.Forwarding;

/// <summary>`warren serve --anonymous` (each key its own account), with its log, shared by a test class.</summary>
public sealed class ForwardingWarrenFixture() : WarrenFixture("--anonymous");
