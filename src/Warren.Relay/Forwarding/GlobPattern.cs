namespace Warren.Relay.Forwarding;

/// <summary>
/// ssh_config PATTERNS for one host (match.c <c>match_pattern</c>): <c>*</c> matches any run of
/// characters, <c>?</c> exactly one. Case is ignored, as sshd lowercases the listen host before
/// matching (channels.c <c>remote_open_match</c>). Iterative, so hostile patterns cost O(n·m).
/// </summary>
internal static class GlobPattern
{
    public static bool IsMatch(string text, string pattern)
    {
        int t = 0, p = 0, starP = -1, starT = 0;
        while (t < text.Length)
        {
            if (p < pattern.Length && (pattern[p] == '?' || char.ToLowerInvariant(pattern[p]) == char.ToLowerInvariant(text[t])))
            {
                t++;
                p++;
            }
            else if (p < pattern.Length && pattern[p] == '*')
            {
                starP = p++;
                starT = t;
            }
            else if (starP >= 0)
            {
                p = starP + 1;
                t = ++starT;
            }
            else
            {
                return false;
            }
        }

        while (p < pattern.Length && pattern[p] == '*')
        {
            p++;
        }

        return p == pattern.Length;
    }
}
