namespace Warren.Interop.Tests.Infrastructure;

/// <summary>Files of the repository the tests run from (found by walking up to Warren.slnx).</summary>
internal static class RepositoryFiles
{
    public static string PathOf(string relative)
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Warren.slnx")))
            {
                var path = Path.Combine(directory.FullName, relative);
                return File.Exists(path) ? path : throw new FileNotFoundException($"{relative} is missing from the repository at {directory.FullName}", path);
            }
        }

        throw new InvalidOperationException($"no Warren.slnx above {AppContext.BaseDirectory}; run the tests from the repository");
    }
}
