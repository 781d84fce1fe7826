namespace Warren.Interop.Tests.Infrastructure;

/// <summary>
/// One <c>warren serve</c> with the given arguments, shared by a test class (an xunit class
/// fixture): subclasses name the arguments, e.g. <c>--anonymous</c> and a few limits.
/// </summary>
public abstract class WarrenFixture(params string[] arguments) : IAsyncLifetime, IDisposable
{
    private WarrenProcess? _process;

    public int Port => _process!.Port;

    /// <summary>The warren process, e.g. to read its memory use from /proc.</summary>
    public int ProcessId => _process!.ProcessId;

    public int MetricsPort => _process!.MetricsPort;

    public int HttpPort => _process!.HttpPort;

    /// <summary>The relay's data directory (host keys, authorized_keys).</summary>
    public string DataDir => _process!.DataDir;

    internal OutputBuffer Output => _process!.Output;

    private int _disposed;

    public async Task InitializeAsync() => _process = await WarrenProcess.StartAsync(arguments);

    public Task DisposeAsync()
    {
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        // xunit calls both DisposeAsync and Dispose on a fixture: stop things once.
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Stops warren; a subclass that started services for it stops them here too.</summary>
    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            _process?.Dispose();
        }
    }
}
