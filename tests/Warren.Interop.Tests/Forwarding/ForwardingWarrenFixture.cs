using Warren.Interop.Tests.Infrastructure;

namespace Warren.Interop.Tests.Forwarding;

/// <summary>`warren serve --anonymous` (each key its own account), with its log, shared by a test class.</summary>
public sealed class ForwardingWarrenFixture : IAsyncLifetime, IDisposable
{
    private WarrenProcess? _process;

    public int Port => _process!.Port;

    internal OutputBuffer Output => _process!.Output;

    public async Task InitializeAsync() => _process = await WarrenProcess.StartAsync(["--anonymous"]);

    public Task DisposeAsync()
    {
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose() => _process?.Dispose();
}
