using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Warren.LoadGen.Infrastructure;

namespace Warren.LoadGen.Results;

/// <summary>
/// One run of one scenario as JSON in the results directory, named by its UTC start time and the
/// scenario (<c>20261126T041500Z-throughput.json</c>), with the Markdown report beside it.
/// </summary>
internal sealed record ResultFile(
    string Scenario,
    bool Quick,
    DateTime StartedUtc,
    DateTime FinishedUtc,
    MachineDescription Machine,
    double[] LoadAverageAtStart,
    double[] LoadAverageAtEnd,
    bool Failed,
    IReadOnlyList<string> Failures,
    object Figures)
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    /// <summary>Writes the JSON and the Markdown; returns the JSON file's path.</summary>
    public async Task<string> WriteAsync(string directory, string report)
    {
        Directory.CreateDirectory(directory);
        var stem = Path.Combine(directory, StartedUtc.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture) + "-" + Scenario);
        // Serialized by runtime type: the figures are each scenario's own records.
        await File.WriteAllTextAsync(stem + ".json", JsonSerializer.Serialize<object>(this, Json)).ConfigureAwait(false);
        await File.WriteAllTextAsync(stem + ".md", report).ConfigureAwait(false);
        return stem + ".json";
    }

    /// <summary>loadtests/results in the repository this tool was built in, or ./results outside one.</summary>
    public static string DefaultDirectory()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Warren.slnx")))
            {
                return Path.Combine(directory.FullName, "loadtests", "results");
            }
        }

        return Path.GetFullPath("results");
    }
}
