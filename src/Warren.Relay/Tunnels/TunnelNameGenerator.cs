using System.Security.Cryptography;

namespace Warren.Relay.Tunnels;

/// <summary>
/// Generates readable tunnel names such as <c>brave-otter-4821</c>: adjective, noun and four
/// digits, drawn with a CSPRNG so a name cannot be guessed from the ones before it.
/// </summary>
/// <remarks>
/// 48 adjectives x 48 nouns x 10,000 numbers is about 23 million names. Every word is a valid
/// DNS label and none is offensive or a reserved name; the generator still checks both, so a
/// configured reserved list that catches one is honoured. Thread-safe.
/// </remarks>
internal sealed class TunnelNameGenerator
{
    /// <summary>How many draws <see cref="TryGenerate"/> makes before it gives up.</summary>
    public const int MaxAttempts = 64;

    private static readonly string[] Adjectives =
    [
        "amber", "bold", "brave", "brisk", "calm", "clever", "cosmic", "crisp",
        "dapper", "eager", "fancy", "fleet", "gentle", "glad", "golden", "grand",
        "happy", "hardy", "humble", "jolly", "keen", "kind", "lively", "lucky",
        "mellow", "merry", "mighty", "nimble", "noble", "polite", "proud", "quick",
        "quiet", "rapid", "ruby", "rustic", "shiny", "silver", "sleek", "smart",
        "snowy", "solar", "steady", "sunny", "swift", "tidy", "vivid", "witty",
    ];

    private static readonly string[] Nouns =
    [
        "badger", "beaver", "bison", "cedar", "comet", "coral", "crane", "falcon",
        "fern", "finch", "fox", "gecko", "heron", "ibis", "koala", "lark",
        "lemur", "lynx", "maple", "marten", "meadow", "moose", "newt", "oak",
        "orca", "osprey", "otter", "owl", "panda", "pebble", "pine", "plover",
        "quail", "raven", "river", "robin", "salmon", "seal", "sparrow", "spruce",
        "stoat", "swan", "tiger", "trout", "walrus", "willow", "wren", "yak",
    ];

    private readonly TunnelNameRules _rules;

    public TunnelNameGenerator(TunnelNameRules rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        _rules = rules;
    }

    /// <summary>One draw, with no collision check.</summary>
    public static string Draw()
    {
        var adjective = Adjectives[RandomNumberGenerator.GetInt32(Adjectives.Length)];
        var noun = Nouns[RandomNumberGenerator.GetInt32(Nouns.Length)];
        var number = RandomNumberGenerator.GetInt32(10_000);
        return $"{adjective}-{noun}-{number:D4}";
    }

    /// <summary>
    /// Draws until a name is valid, not reserved and not <paramref name="isTaken"/> (a live or
    /// held tunnel). False only after <see cref="MaxAttempts"/> collisions in a row, which means
    /// the name space is nearly full, not bad luck.
    /// </summary>
    public bool TryGenerate(Func<string, bool> isTaken, out TunnelName name)
    {
        ArgumentNullException.ThrowIfNull(isTaken);
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var candidate = Draw();
            if (TunnelName.TryParse(candidate, _rules, out name, out _) && !isTaken(name.Value))
            {
                return true;
            }
        }

        name = default;
        return false;
    }
}
