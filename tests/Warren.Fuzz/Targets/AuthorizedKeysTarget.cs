using System.Text;
using Warren.Ssh.Auth;

namespace Warren.Fuzz.Targets;

/// <summary>
/// An authorized_keys file (sshd.8 AUTHORIZED_KEYS FILE FORMAT): every line with its options,
/// then what an accepted entry is used for (the from= patterns against a client address); and
/// each line as a <c>.pub</c> / TrustedUserCAKeys / RevokedKeys key line. A tenant may write
/// their own file in the per-user directory layout, so this is input Warren does not control.
/// </summary>
internal static class AuthorizedKeysTarget
{
    public static void Run(ReadOnlySpan<byte> data)
    {
        var text = Encoding.UTF8.GetString(data);
        var entries = AuthorizedKeysParser.Parse(text, "fuzz", static _ => { }, TimeZoneInfo.Utc);
        foreach (var entry in entries)
        {
            if (entry.FromPatterns is { } patterns)
            {
                AddressPatterns.MatchesFromPatterns(patterns, FuzzKeys.Source);
                AddressPatterns.MatchesFromPatterns(patterns, System.Net.IPAddress.IPv6Loopback);
            }
        }

        foreach (var line in text.Split('\n'))
        {
            PublicKeyLine.TryParse(line, allowCertificate: true, out _, out _, out _);
        }
    }
}
