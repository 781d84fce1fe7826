namespace Warren.Fuzz.Tests.Infrastructure;

/// <summary>A theory that needs afl-fuzz; skipped, with the command that installs it, where it is missing (.ci/run installs it).</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class AflTheoryAttribute : TheoryAttribute
{
    public AflTheoryAttribute()
    {
        if (!IsAflInstalled())
        {
            Skip = "afl-fuzz is not installed: apt-get install -y afl++";
        }
    }

    private static bool IsAflInstalled()
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        foreach (var directory in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            if (File.Exists(Path.Combine(directory, "afl-fuzz")))
            {
                return true;
            }
        }

        return false;
    }
}
