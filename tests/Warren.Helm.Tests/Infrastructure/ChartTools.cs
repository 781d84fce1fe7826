namespace Warren.Helm.Tests.Infrastructure;

/// <summary>
/// The programs the chart's checks run: helm (from .tools/, or WARREN_HELM), node (on PATH, or
/// WARREN_NODE) and the schema checker's npm packages. A missing one fails the test with the
/// command that installs it; nothing is skipped.
/// </summary>
internal static class ChartTools
{
    public static string Helm => Require(
        Environment.GetEnvironmentVariable("WARREN_HELM") ?? Path.Combine(RepoPaths.Root, ".tools", "helm", "helm"),
        "helm");

    public static string Node => Require(Environment.GetEnvironmentVariable("WARREN_NODE") ?? FindOnPath("node"), "node");

    /// <summary>helm/warren/ci/validate.mjs, once its packages are installed.</summary>
    public static string ValidateScript
    {
        get
        {
            Require(Path.Combine(RepoPaths.ChartCi, "node_modules", "kubernetes-models", "package.json"), "the schema checker's npm packages");
            return Path.Combine(RepoPaths.ChartCi, "validate.mjs");
        }
    }

    private static string Require(string path, string what) =>
        File.Exists(path)
            ? path
            : throw new InvalidOperationException(
                $"{what} is missing ({path}). Install the chart's tools with: bash {RepoPaths.FetchToolsScript} " +
                "(needs node, npm and unzip: apt-get install nodejs npm unzip).");

    private static string FindOnPath(string program)
    {
        foreach (var directory in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(directory, program);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return program + " (not on PATH)";
    }
}
