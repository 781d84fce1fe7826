namespace Warren.Fuzz.Tests.Infrastructure;

/// <summary>Where the fuzzing project's script and corpus are in the repository.</summary>
internal static class FuzzPaths
{
    public static string RunScript { get; } = RepositoryFiles.PathOf("tests/Warren.Fuzz/run.sh");

    public static string Corpus { get; } = Path.Combine(Path.GetDirectoryName(RunScript)!, "corpus");

    /// <summary>Every seed and kept regression input of <paramref name="target"/>.</summary>
    public static string[] InputsOf(string target) =>
        Directory.GetFiles(Path.Combine(Corpus, target), "*", SearchOption.AllDirectories);
}
