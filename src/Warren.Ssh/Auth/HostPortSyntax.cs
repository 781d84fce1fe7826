namespace Warren.Ssh.Auth;

/// <summary>HOST:PORT as OpenSSH splits it (misc.c <c>hpdelim2</c>), shared by key options and relay policies.</summary>
public static class HostPortSyntax
{
    /// <summary>Splits <c>host:port</c> or <c>[v6]:port</c>; the host comes back without brackets. Never throws.</summary>
    public static bool TrySplit(string value, out string host, out string port)
    {
        ArgumentNullException.ThrowIfNull(value);
        host = port = string.Empty;
        if (value.StartsWith('['))
        {
            var close = value.IndexOf(']', StringComparison.Ordinal);
            if (close < 0 || close + 1 >= value.Length || value[close + 1] != ':')
            {
                return false;
            }

            host = value[1..close];
            port = value[(close + 2)..];
            return true;
        }

        var colon = value.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
        {
            return false;
        }

        host = value[..colon];
        port = value[(colon + 1)..];
        return !host.Contains(']', StringComparison.Ordinal);
    }
}
