using System.Text;

namespace Warren.Ssh.Wire;

/// <summary>
/// An RFC 4251 §5 name-list: printable US-ASCII names, no empty names, separated by commas.
/// Names are kept as strings because negotiation compares and reports them.
/// </summary>
public readonly record struct NameList(IReadOnlyList<string> Names)
{
    /// <summary>The longest name the RFC permits (RFC 4251 §6).</summary>
    public const int MaxNameLength = 64;

    /// <summary>The longest list accepted, far above anything a real peer sends.</summary>
    public const int MaxListLength = 8192;

    /// <summary>A list with no names.</summary>
    public static NameList Empty { get; } = new(Array.Empty<string>());

    /// <summary>True when the list holds <paramref name="name"/> exactly.</summary>
    public bool Contains(string name)
    {
        foreach (var n in Names ?? Array.Empty<string>())
        {
            if (n == name)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Parses the raw bytes of a name-list; false if any name is empty, too long or not printable ASCII.</summary>
    public static bool TryParse(ReadOnlySpan<byte> raw, out NameList value)
    {
        value = Empty;
        if (raw.Length == 0)
        {
            return true;
        }

        if (raw.Length > MaxListLength)
        {
            return false;
        }

        var names = new List<string>();
        var start = 0;
        for (var i = 0; i <= raw.Length; i++)
        {
            if (i < raw.Length && raw[i] != (byte)',')
            {
                // Printable US-ASCII without comma (RFC 4251 §6), no control or whitespace.
                if (raw[i] <= 0x20 || raw[i] >= 0x7f)
                {
                    return false;
                }

                continue;
            }

            var length = i - start;
            if (length == 0 || length > MaxNameLength)
            {
                return false;
            }

            names.Add(Encoding.ASCII.GetString(raw.Slice(start, length)));
            start = i + 1;
        }

        value = new NameList(names);
        return true;
    }

    /// <summary>Builds a list from names already known to be valid.</summary>
    public static NameList Of(params string[] names) => new(names);

    /// <inheritdoc />
    public override string ToString() => string.Join(',', Names ?? Array.Empty<string>());
}
