namespace Warren.Server.Configuration;

/// <summary>
/// <c>warren hash-password [--user NAME]</c>: with a user, the output is a whole password file
/// line (<c>NAME:hash</c>); without, the hash alone.
/// </summary>
internal sealed class HashPasswordOptions
{
    /// <summary>The user name to put before the hash; null prints the hash alone.</summary>
    public string? User { get; init; }

    public static bool TryParse(IReadOnlyList<string> args, out HashPasswordOptions options, out string error)
    {
        options = new HashPasswordOptions();
        error = string.Empty;
        string? user = null;
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            var equals = arg.IndexOf('=', StringComparison.Ordinal);
            var flag = equals < 0 ? arg : arg[..equals];
            if (flag != "--user")
            {
                error = arg.StartsWith("--", StringComparison.Ordinal)
                    ? $"{flag}: unknown flag{Suggestions.DidYouMean(flag, ["--user"])}; hash-password takes only --user NAME"
                    : $"unexpected argument '{arg}'; the password is read from stdin, e.g. printf '%s\\n' 'secret' | warren hash-password";
                return false;
            }

            if (user is not null)
            {
                error = "--user: given more than once; give it once";
                return false;
            }

            if (equals >= 0)
            {
                user = arg[(equals + 1)..];
            }
            else if (i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                user = args[++i];
            }
            else
            {
                error = "--user: needs a value; write e.g. --user alice";
                return false;
            }

            if (!IsUserName(user, out var reason))
            {
                error = $"--user: {reason}; write e.g. --user alice";
                return false;
            }
        }

        options = new HashPasswordOptions { User = user };
        return true;
    }

    /// <summary>A name that survives a password file line: not empty, no ':' (the separator), no spaces or controls, no leading '#'.</summary>
    private static bool IsUserName(string user, out string reason)
    {
        reason = user switch
        {
            "" => "the user name is empty",
            _ when user.Contains(':', StringComparison.Ordinal) => $"'{user}' contains ':', which separates the name from the hash",
            _ when user.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)) => $"'{user}' contains spaces or control characters",
            _ when user[0] == '#' => $"'{user}' starts with '#', which makes the line a comment",
            _ => string.Empty,
        };
        return reason.Length == 0;
    }
}
