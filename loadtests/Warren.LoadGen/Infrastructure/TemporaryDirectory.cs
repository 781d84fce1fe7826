namespace Warren.LoadGen.Infrastructure;

/// <summary>A directory under /tmp that is deleted with everything in it on dispose.</summary>
internal sealed class TemporaryDirectory : IDisposable
{
    public TemporaryDirectory() => Path = Directory.CreateTempSubdirectory("warren-loadgen-").FullName;

    public string Path { get; }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A server still writing there as it dies; /tmp is cleaned by the system.
        }
    }
}
