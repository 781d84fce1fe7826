using Warren.Interop.Tests.Infrastructure;

namespace Warren.Interop.Tests.Transport;

/// <summary>One `warren serve` process, started from its command line, shared by a test class.</summary>
public sealed class WarrenServerFixture : IAsyncLifetime, IDisposable
{
    private WarrenProcess? _process;

    internal WarrenProcess Process => _process ?? throw new InvalidOperationException("not started");

    public int Port => Process.Port;

    // Penalties off: every run of the shared server ends in an authentication failure from loopback.
    public async Task InitializeAsync() => _process = await WarrenProcess.StartAsync(["--per-source-penalties", "no"]);

    public Task DisposeAsync()
    {
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose() => _process?.Dispose();

    /// <summary>The base64 key blob of the host key of <paramref name="type"/> that serve generated.</summary>
    public string HostKeyBlob(string type) =>
        File.ReadAllText(Path.Combine(Process.DataDir, $"ssh_host_{type}_key.pub")).Split(' ')[1];
}
