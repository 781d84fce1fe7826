using Warren.Server.Cli;
using Warren.Server.Configuration;

namespace Warren.Server.Tests.Cli;

public sealed class WarrenCliTests
{
    private static async Task<(int Code, string Out, string Err)> RunAsync(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var code = await WarrenCli.RunAsync(args, new Dictionary<string, string>(), stdout, stderr, timeout.Token)
            .WaitAsync(TimeSpan.FromSeconds(10));
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public async Task Version_Flag_PrintsWarrenAndVersion()
    {
        var (code, output, _) = await RunAsync("--version");

        Assert.Equal(0, code);
        Assert.Matches(@"^warren \d+\.\d+\.\d+\s*$", output);
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    public async Task Help_Flag_PrintsUsageAndExitsZero(string flag)
    {
        var (code, output, _) = await RunAsync(flag);

        Assert.Equal(0, code);
        Assert.Contains("serve", output, StringComparison.Ordinal);
        Assert.Contains("keygen", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ServeHelp_Always_ListsEveryFlagWithItsDefault()
    {
        var (code, output, _) = await RunAsync("serve", "--help");

        Assert.Equal(0, code);
        foreach (var setting in ServeSettings.All)
        {
            var line = output.Split('\n').SkipWhile(l => !l.TrimStart().StartsWith(setting.Flag + " ", StringComparison.Ordinal)
                && l.Trim() != setting.Flag).Take(2);
            Assert.Contains("default", string.Join(' ', line), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task KeygenHelp_Always_ShowsTypes()
    {
        var (code, output, _) = await RunAsync("keygen", "--help");

        Assert.Equal(0, code);
        Assert.Contains("--type ed25519|ecdsa|rsa", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownCommand_Always_PrintsUsageAndExitsTwo()
    {
        var (code, output, error) = await RunAsync("tunnel");

        Assert.Equal(2, code);
        Assert.Empty(output);
        Assert.StartsWith("warren: unknown command 'tunnel'", error, StringComparison.Ordinal);
        Assert.Contains("Usage: warren", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NoArguments_Always_PrintsUsageAndExitsTwo()
    {
        var (code, _, error) = await RunAsync();

        Assert.Equal(2, code);
        Assert.Contains("Usage: warren", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_BadOption_PrintsOneLineErrorAndExitsTwo()
    {
        var (code, output, error) = await RunAsync("serve", "--ssh-listen", "2222");

        Assert.Equal(2, code);
        Assert.Empty(output);
        Assert.Equal("warren serve: --ssh-listen: '2222' is not HOST:PORT; write e.g. 0.0.0.0:2222", error.TrimEnd());
    }

    [Fact]
    public async Task Keygen_BadOption_PrintsOneLineErrorAndExitsTwo()
    {
        var (code, _, error) = await RunAsync("keygen", "--type", "dsa", "--out", "k");

        Assert.Equal(2, code);
        Assert.StartsWith("warren keygen: --type: 'dsa' is not a key type", error, StringComparison.Ordinal);
    }
}
