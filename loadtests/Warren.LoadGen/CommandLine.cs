using System.Globalization;

namespace Warren.LoadGen;

/// <summary>
/// <c>SCENARIO [--name value]... [--quick]</c>: the options as given, with each scenario's
/// defaults for a full run or for <c>--quick</c> (every scenario small, about a minute in all).
/// </summary>
internal sealed class CommandLine
{
    private readonly Dictionary<string, string> _options = new(StringComparer.Ordinal);
    private readonly HashSet<string> _switches = new(StringComparer.Ordinal);

    /// <summary>Options that take no value.</summary>
    private static readonly string[] SwitchNames = ["--relay-tls"];

    private CommandLine(string scenario) => Scenario = scenario;

    public string Scenario { get; }

    /// <summary>Every scenario small: the test suite runs <c>all --quick</c> so the tool cannot rot.</summary>
    public bool Quick { get; private set; }

    /// <summary>Parses the arguments; a problem is described in <paramref name="problem"/>.</summary>
    public static bool TryParse(string[] args, out CommandLine line, out string? problem)
    {
        line = new CommandLine(args[0]);
        problem = null;
        for (var i = 1; i < args.Length; i++)
        {
            if (args[i] == "--quick")
            {
                line.Quick = true;
            }
            else if (SwitchNames.Contains(args[i]))
            {
                line._switches.Add(args[i]);
            }
            else if (args[i].StartsWith("--", StringComparison.Ordinal) && i + 1 < args.Length)
            {
                line._options[args[i]] = args[++i];
            }
            else
            {
                problem = $"'{args[i]}' needs a value";
                return false;
            }
        }

        return true;
    }

    public string? Text(string name) => _options.GetValueOrDefault(name);

    /// <summary>True when the switch <paramref name="name"/> (one of <see cref="SwitchNames"/>) was given.</summary>
    public bool Switch(string name) => _switches.Contains(name);

    /// <summary>A positive number: given, or <paramref name="full"/>, or <paramref name="quick"/> with --quick.</summary>
    public int Number(string name, int full, int quick)
    {
        if (!_options.TryGetValue(name, out var text))
        {
            return Quick ? quick : full;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : throw new UsageException($"{name} takes a positive number, not '{text}'");
    }
}

/// <summary>A bad command line: exit code 2 with the usage.</summary>
internal sealed class UsageException(string message) : Exception(message);
