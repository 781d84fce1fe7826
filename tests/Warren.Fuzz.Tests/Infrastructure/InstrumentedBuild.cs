namespace Warren.Fuzz.Tests.Infrastructure;

/// <summary>
/// Builds and instruments the fuzzing program once for the whole AFL test class
/// (<c>run.sh --build</c>); each target's run then skips the build.
/// </summary>
public sealed class InstrumentedBuild : IAsyncLifetime
{
    private static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(15);

    /// <summary>Null when the build succeeded; otherwise what it printed.</summary>
    internal string? Failure { get; private set; }

    public async Task InitializeAsync()
    {
        var result = await ProcessRunner.RunAsync("bash", [FuzzPaths.RunScript, "--build"], BuildTimeout);
        Failure = result.ExitCode == 0 ? null : result.ToString();
    }

    public Task DisposeAsync() => Task.CompletedTask;
}
