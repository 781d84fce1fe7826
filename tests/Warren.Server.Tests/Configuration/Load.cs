using Warren.Server.Configuration;

namespace Warren.Server.Tests.Configuration;

/// <summary>Shorthands for calling the loader in tests.</summary>
internal static class Load
{
    public static readonly IReadOnlyDictionary<string, string> NoEnvironment = new Dictionary<string, string>();

    public static ServeOptions Ok(string[] args, IReadOnlyDictionary<string, string>? environment = null)
    {
        var ok = ServeOptionsLoader.TryLoad(args, environment ?? NoEnvironment, out var options, out var error);
        Assert.True(ok, error);
        Assert.Equal(string.Empty, error);
        return options;
    }

    public static string Error(string[] args, IReadOnlyDictionary<string, string>? environment = null)
    {
        var ok = ServeOptionsLoader.TryLoad(args, environment ?? NoEnvironment, out _, out var error);
        Assert.False(ok, "expected the loader to refuse: " + string.Join(' ', args));
        Assert.DoesNotContain('\n', error);
        return error;
    }

    public static Dictionary<string, string> Env(params (string Name, string Value)[] variables) =>
        variables.ToDictionary(v => v.Name, v => v.Value);
}
