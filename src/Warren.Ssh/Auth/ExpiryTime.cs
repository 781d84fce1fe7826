using System.Globalization;

namespace Warren.Ssh.Auth;

/// <summary>
/// The timespec of <c>expiry-time="..."</c> (sshd.8; misc.c <c>parse_absolute_time</c>):
/// <c>YYYYMMDD</c>, <c>YYYYMMDDHHMM</c> or <c>YYYYMMDDHHMMSS</c>, in the server's local time
/// unless it ends in <c>Z</c>, which means UTC. A date alone means its midnight.
/// </summary>
internal static class ExpiryTime
{
    private static readonly string[] Formats = ["yyyyMMdd", "yyyyMMddHHmm", "yyyyMMddHHmmss"];

    /// <summary>Parses <paramref name="text"/>; <paramref name="localZone"/> applies when there is no Z.</summary>
    public static bool TryParse(string text, TimeZoneInfo localZone, out DateTimeOffset value)
    {
        value = default;
        var utc = text.EndsWith('Z') || text.EndsWith('z');
        var digits = utc ? text[..^1] : text;
        if (digits.Length is not (8 or 12 or 14) || !digits.All(char.IsAsciiDigit))
        {
            return false;
        }

        if (!DateTime.TryParseExact(digits, Formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
        {
            return false;
        }

        if (utc)
        {
            value = new DateTimeOffset(DateTime.SpecifyKind(time, DateTimeKind.Unspecified), TimeSpan.Zero);
            return true;
        }

        // A time skipped by a DST change gets the zone's standard offset, as mktime(3) does.
        var offset = localZone.GetUtcOffset(time);
        var utcTicks = time.Ticks - offset.Ticks;
        if (utcTicks < DateTime.MinValue.Ticks || utcTicks > DateTime.MaxValue.Ticks)
        {
            // 00010101 east of UTC or 99991231 west of it: outside DateTimeOffset, so clamp.
            value = utcTicks < 0 ? DateTimeOffset.MinValue : DateTimeOffset.MaxValue;
            return true;
        }

        value = new DateTimeOffset(time, offset);
        return true;
    }
}
