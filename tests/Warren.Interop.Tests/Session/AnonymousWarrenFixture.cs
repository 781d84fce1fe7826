using Warren.Interop.Tests.Infrastructure;

namespace Warren.Interop.Tests.Session;

/// <summary>`warren serve --anonymous`, shared by a test class.</summary>
public sealed class AnonymousWarrenFixture : IAsyncLifetime, IDisposable
{
    private WarrenProcess? _process;

    public int Port => _process!.Port;

    public async Task InitializeAsync() => _process = await WarrenProcess.StartAsync(["--anonymous"]);

    public Task DisposeAsync()
    {
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose() => _process?.Dispose();
}
