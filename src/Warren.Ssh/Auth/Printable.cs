using System.Text;

namespace Warren.Ssh.Auth;

/// <summary>Makes client-chosen text (key ids, option names) safe for one log line.</summary>
internal static class Printable
{
    private const int MaxLength = 128;

    /// <summary>Control characters become <c>?</c>; long text is cut with an ellipsis.</summary>
    public static string Of(string text)
    {
        var builder = new StringBuilder(Math.Min(text.Length, MaxLength + 3));
        foreach (var c in text)
        {
            if (builder.Length >= MaxLength)
            {
                builder.Append("...");
                break;
            }

            builder.Append(char.IsControl(c) || char.IsSurrogate(c) ? '?' : c);
        }

        return builder.ToString();
    }
}
