using Warren.Interop.Tests.Infrastructure;

namespace Warren.Interop.Tests.Harness;

/// <summary>The warren executable as a real process: found, run, and reported when it fails.</summary>
public sealed class WarrenProcessTests
{
    [Fact]
    public async Task RunToExitAsync_Version_PrintsWarrenVersion()
    {
        var result = await WarrenProcess.RunToExitAsync(["--version"]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Matches(@"^warren \d+\.\d+\.\d+\s*$", result.Stdout);
    }

    [Fact]
    public async Task RunToExitAsync_BadServeFlag_ExitsTwoWithOneLineError()
    {
        var result = await WarrenProcess.RunToExitAsync(["serve", "--ssh-listen", "2222"]);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("warren serve: --ssh-listen: '2222' is not HOST:PORT; write e.g. 0.0.0.0:2222", result.Stderr.Trim());
    }

    [Fact]
    public async Task StartAsync_WarrenExitsEarly_ThrowsWithExitCodeAndOutput()
    {
        var e = await Assert.ThrowsAsync<InvalidOperationException>(
            () => WarrenProcess.StartAsync(["--no-such-flag"]));

        Assert.Contains("warren exited with code 2", e.Message, StringComparison.Ordinal);
        Assert.Contains("--no-such-flag: unknown flag", e.Message, StringComparison.Ordinal);
    }
}
