using Warren.Fuzz.Targets;
using Warren.Fuzz.Tests.Infrastructure;

namespace Warren.Fuzz.Tests;

/// <summary>
/// Every seed and every kept regression input, run through its target in-process, fast and
/// without AFL: a parser that throws on one of them fails here by the file's name.
/// </summary>
public sealed class CorpusReplayTests
{
    public static TheoryData<string> Targets()
    {
        var data = new TheoryData<string>();
        foreach (var target in FuzzTargets.All)
        {
            data.Add(target.Name);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Targets))]
    public void Corpus_EveryInput_ParsesWithoutException(string name)
    {
        var target = FuzzTargets.Find(name)!;
        var inputs = FuzzPaths.InputsOf(name);
        Assert.NotEmpty(inputs);
        foreach (var input in inputs)
        {
            var exception = Record.Exception(() => target.Run(File.ReadAllBytes(input)));
            Assert.True(exception is null, $"{Path.GetRelativePath(FuzzPaths.Corpus, input)}: {exception}");
        }
    }

    [Fact]
    public void Corpus_Folders_MatchTheTargets()
    {
        var folders = Directory.GetDirectories(FuzzPaths.Corpus).Select(Path.GetFileName).Order(StringComparer.Ordinal);
        var targets = FuzzTargets.All.Select(t => t.Name).Order(StringComparer.Ordinal);
        Assert.Equal(targets, folders);
    }
}
