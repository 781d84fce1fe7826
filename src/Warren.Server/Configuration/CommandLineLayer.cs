namespace Warren.Server.Configuration;

/// <summary>
/// Reads <c>warren serve</c> flags: <c>--flag value</c> or <c>--flag=value</c>; switches take no
/// value (or <c>=true|false</c>); repeatable flags collect every occurrence; a comma list is
/// split. Unknown flags, missing values, stray arguments and a single-value flag given twice
/// are errors.
/// </summary>
internal static class CommandLineLayer
{
    public static bool TryRead(IReadOnlyList<string> args, out List<LayerValue> layer, out string error)
    {
        layer = new List<LayerValue>();
        error = string.Empty;
        var collected = new Dictionary<ServeSetting, List<string>>();
        var order = new List<ServeSetting>();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal) || arg.Length == 2)
            {
                // "--anonymous yes": a switch takes no separate value; say so rather than "unexpected".
                var previous = i > 0 ? ServeSettings.ByFlag(args[i - 1]) : null;
                error = previous?.Shape == SettingShape.Switch
                    ? $"{previous.Flag}: takes no value, but '{arg}' follows it; write {previous.Flag} or {previous.Flag}=false"
                    : $"unexpected argument '{arg}'; serve takes only --flags (see warren serve --help)";
                return false;
            }

            var equals = arg.IndexOf('=', StringComparison.Ordinal);
            var flag = equals < 0 ? arg : arg[..equals];
            var setting = ServeSettings.ByFlag(flag);
            if (setting is null)
            {
                error = $"{flag}: unknown flag{Suggestions.DidYouMean(flag, ServeSettings.All.Select(s => s.Flag))}; see warren serve --help for the flags";
                return false;
            }

            string value;
            if (equals >= 0)
            {
                value = arg[(equals + 1)..];
            }
            else if (setting.Shape == SettingShape.Switch)
            {
                value = "true";
            }
            else if (i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                value = args[++i];
            }
            else
            {
                error = $"{flag}: needs a value; write e.g. {flag} {setting.Metavar.Split('|')[0]}";
                return false;
            }

            if (collected.TryGetValue(setting, out var values))
            {
                if (setting.Shape != SettingShape.Repeated)
                {
                    error = $"{flag}: given more than once; give it once";
                    return false;
                }
            }
            else
            {
                values = new List<string>();
                collected.Add(setting, values);
                order.Add(setting);
            }

            values.Add(value);
        }

        foreach (var setting in order)
        {
            layer.Add(new LayerValue(setting, setting.Flag, collected[setting]));
        }

        return true;
    }
}
