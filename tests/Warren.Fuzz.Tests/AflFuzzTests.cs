using Warren.Fuzz.Tests.Infrastructure;

namespace Warren.Fuzz.Tests;

/// <summary>
/// Each target under afl-fuzz for a short, bounded time (<see cref="Seconds"/> each, about three
/// minutes for all): a crash or a hang AFL saves fails the test with the input and the exception.
/// Longer runs are <c>tests/Warren.Fuzz/run.sh TARGET SECONDS</c> (README there).
/// </summary>
public sealed class AflFuzzTests(InstrumentedBuild build) : IClassFixture<InstrumentedBuild>
{
    private const int Seconds = 10;

    // AFL's own start-up and calibration come on top of the fuzzing time; this only stops a stuck run.
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(5);

    public static TheoryData<string> Targets() => CorpusReplayTests.Targets();

    [AflTheory]
    [MemberData(nameof(Targets))]
    public async Task Afl_ShortRun_FindsNoCrashOrHang(string target)
    {
        Assert.True(build.Failure is null, $"run.sh --build failed: {build.Failure}");
        var environment = new Dictionary<string, string?> { ["WARREN_FUZZ_NO_BUILD"] = "1", ["WARREN_FUZZ_FINDINGS"] = null };
        var result = await ProcessRunner.RunAsync(
            "bash", [FuzzPaths.RunScript, target, Seconds.ToString(System.Globalization.CultureInfo.InvariantCulture)], RunTimeout, environment);
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("no crash and no hang", result.Stdout, StringComparison.Ordinal);
    }
}
