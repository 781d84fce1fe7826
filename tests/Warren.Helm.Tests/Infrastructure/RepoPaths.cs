namespace Warren.Helm.Tests.Infrastructure;

/// <summary>Where the repository, the chart and its checks are, found from the test assembly upwards.</summary>
internal static class RepoPaths
{
    /// <summary>The script that installs helm and the schema checker's packages, as a developer types it.</summary>
    public const string FetchToolsScript = "helm/warren/ci/fetch-tools.sh";

    public static string Root { get; } = FindRoot();

    public static string Chart => Path.Combine(Root, "helm", "warren");

    public static string ChartCi => Path.Combine(Chart, "ci");

    public static string AllOnValues => Path.Combine(ChartCi, "all-on-values.yaml");

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Warren.slnx")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No Warren.slnx above {AppContext.BaseDirectory}; run the tests from the repository.");
    }
}
