using System.Globalization;

namespace Warren.Relay.Forwarding;

/// <summary>
/// The relay ports that <c>ssh -R PORT:...</c> and <c>ssh -R 0:...</c> may listen on
/// (--forward-ports LOW-HIGH), both ends included.
/// </summary>
public readonly record struct PortRange(int Low, int High)
{
    /// <summary>20000-29999: above the usual service ports, below Linux's ephemeral range (32768-60999).</summary>
    public static PortRange Default { get; } = new(20000, 29999);

    /// <summary>How many ports the range holds.</summary>
    public int Count => High - Low + 1;

    /// <summary>True when <paramref name="port"/> is in the range.</summary>
    public bool Contains(int port) => port >= Low && port <= High;

    /// <summary>Parses <c>LOW-HIGH</c> (or one port) with 1 &lt;= LOW &lt;= HIGH &lt;= 65535; <paramref name="error"/> says what is wrong.</summary>
    public static bool TryParse(string? text, out PortRange range, out string error)
    {
        range = Default;
        var value = (text ?? string.Empty).Trim();
        var dash = value.IndexOf('-', StringComparison.Ordinal);
        var lowText = dash < 0 ? value : value[..dash];
        var highText = dash < 0 ? value : value[(dash + 1)..];
        if (!int.TryParse(lowText, NumberStyles.None, CultureInfo.InvariantCulture, out var low)
            || !int.TryParse(highText, NumberStyles.None, CultureInfo.InvariantCulture, out var high)
            || low < 1 || high > 65535 || low > high)
        {
            error = $"'{HostPortText.Printable(value)}' is not a port range LOW-HIGH with 1 <= LOW <= HIGH <= 65535; write e.g. 20000-29999";
            return false;
        }

        range = new PortRange(low, high);
        error = string.Empty;
        return true;
    }

    public override string ToString() => Low == High
        ? Low.ToString(CultureInfo.InvariantCulture)
        : $"{Low.ToString(CultureInfo.InvariantCulture)}-{High.ToString(CultureInfo.InvariantCulture)}";
}
