namespace Warren.Server.Configuration;

/// <summary>
/// <c>warren keygen --type ed25519|ecdsa|rsa --out FILE</c>: both flags are required; each
/// takes <c>--flag value</c> or <c>--flag=value</c>. <see cref="OutFile"/> is absolute.
/// </summary>
internal sealed class KeygenOptions
{
    public HostKeyType Type { get; set; } = HostKeyType.Ed25519;

    /// <summary>Where the private key is written (the public key goes to OutFile + ".pub").</summary>
    public string OutFile { get; set; } = string.Empty;

    public static bool TryParse(IReadOnlyList<string> args, out KeygenOptions options, out string error)
    {
        options = new KeygenOptions();
        error = string.Empty;
        string? type = null;
        string? output = null;
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            var equals = arg.IndexOf('=', StringComparison.Ordinal);
            var flag = equals < 0 ? arg : arg[..equals];
            if (flag is not ("--type" or "--out"))
            {
                error = arg.StartsWith("--", StringComparison.Ordinal)
                    ? $"{flag}: unknown flag{Suggestions.DidYouMean(flag, ["--type", "--out"])}; keygen takes --type ed25519|ecdsa|rsa --out FILE"
                    : $"unexpected argument '{arg}'; keygen takes --type ed25519|ecdsa|rsa --out FILE";
                return false;
            }

            string value;
            if (equals >= 0)
            {
                value = arg[(equals + 1)..];
            }
            else if (i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                value = args[++i];
            }
            else
            {
                error = flag == "--type"
                    ? "--type: needs a value; write e.g. --type ed25519"
                    : "--out: needs a value; write e.g. --out ./host_ed25519";
                return false;
            }

            if ((flag == "--type" ? type : output) is not null)
            {
                error = $"{flag}: given more than once; give it once";
                return false;
            }

            if (flag == "--type")
            {
                type = value;
            }
            else
            {
                output = value;
            }
        }

        if (type is null)
        {
            error = "--type: missing; write e.g. warren keygen --type ed25519 --out ./host_ed25519";
            return false;
        }

        HostKeyType keyType;
        switch (type.ToUpperInvariant())
        {
            case "ED25519":
                keyType = HostKeyType.Ed25519;
                break;
            case "ECDSA":
                keyType = HostKeyType.Ecdsa;
                break;
            case "RSA":
                keyType = HostKeyType.Rsa;
                break;
            default:
                error = $"--type: '{type}' is not a key type; write ed25519, ecdsa or rsa";
                return false;
        }

        if (string.IsNullOrWhiteSpace(output))
        {
            error = "--out: missing; write e.g. warren keygen --type ed25519 --out ./host_ed25519";
            return false;
        }

        string fullPath;
        try
        {
            fullPath = Path.GetFullPath(output);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            error = $"--out: '{output}' is not a usable path ({e.Message}); give a file path";
            return false;
        }

        var directory = Path.GetDirectoryName(fullPath);
        if (directory is not null && !Directory.Exists(directory))
        {
            error = $"--out: directory '{directory}' does not exist; create it first or choose another path";
            return false;
        }

        options = new KeygenOptions { Type = keyType, OutFile = fullPath };
        return true;
    }
}
