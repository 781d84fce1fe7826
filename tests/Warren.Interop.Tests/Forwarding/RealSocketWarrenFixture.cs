using Warren.Interop.Tests.Infrastructure;

namespace Warren.Interop.Tests.Forwarding;

/// <summary>
/// `warren serve --anonymous` that may reach three local services by --permit-open: an echo, a
/// hash-reply service, and a port where nothing listens; relay ports bind 127.0.0.1 in a range of
/// its own. Shared by a test class.
/// </summary>
public sealed class RealSocketWarrenFixture : IAsyncLifetime, IDisposable
{
    /// <summary>The relay ports of this fixture: a range no other fixture uses.</summary>
    public const int ForwardLow = 24100;

    public const int ForwardHigh = 24199;

    private readonly TcpEchoServer _echo = new();
    private readonly HashReplyServer _hash = new();
    private WarrenProcess? _process;
    private bool _disposed;

    public int Port => _process!.Port;

    public int EchoPort => _echo.Port;

    public int HashPort => _hash.Port;

    /// <summary>Permitted, but nothing listens there.</summary>
    public int ClosedPort { get; } = FreePort.Get();

    internal OutputBuffer Output => _process!.Output;

    public async Task InitializeAsync() => _process = await WarrenProcess.StartAsync(
    [
        "--anonymous",
        "--permit-open", $"127.0.0.1:{EchoPort}",
        "--permit-open", $"127.0.0.1:{HashPort}",
        "--permit-open", $"127.0.0.1:{ClosedPort}",
        "--forward-ports", $"{ForwardLow}-{ForwardHigh}",
        "--forward-bind", "127.0.0.1",
    ]);

    public Task DisposeAsync()
    {
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        // xunit calls both DisposeAsync and Dispose; the services may be stopped only once.
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _process?.Dispose();
        _echo.Dispose();
        _hash.Dispose();
    }
}
