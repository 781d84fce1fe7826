using System.Text.RegularExpressions;
using Warren.Relay.Tunnels;

namespace Warren.Relay.Tests.Tunnels;

public sealed class TunnelNameTests
{
    [Theory]
    [InlineData("myapp", "myapp")]
    [InlineData("MyApp", "myapp")]
    [InlineData("a", "a")]
    [InlineData("0day", "0day")]
    [InlineData("my-app-2", "my-app-2")]
    [InlineData("a--b", "a--b")]
    public void TryParse_ValidLabel_LowercaseValue(string text, string expected)
    {
        Assert.True(TunnelName.TryParse(text, TunnelNameRules.Default, out var name, out _));
        Assert.Equal(expected, name.Value);
    }

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("-app")]
    [InlineData("app-")]
    [InlineData("my_app")]
    [InlineData("my.app")]
    [InlineData("my app")]
    [InlineData("caf\u00e9")]
    [InlineData("localhost:80")]
    public void TryParse_InvalidLabel_RefusedWithReason(string? text)
    {
        Assert.False(TunnelName.TryParse(text, TunnelNameRules.Default, out _, out var reason));
        Assert.False(string.IsNullOrEmpty(reason));
    }

    [Fact]
    public void TryParse_Length63_AcceptedLength64_Refused()
    {
        Assert.True(TunnelName.TryParse(new string('a', 63), TunnelNameRules.Default, out _, out _));
        Assert.False(TunnelName.TryParse(new string('a', 64), TunnelNameRules.Default, out _, out _));
    }

    [Fact]
    public void TryParse_HugeName_ReasonIsShortened()
    {
        Assert.False(TunnelName.TryParse(new string('x', 300), TunnelNameRules.Default, out _, out var reason));
        Assert.True(reason.Length < 250, reason);
    }

    [Theory]
    [InlineData("www")]
    [InlineData("API")]
    [InlineData("admin")]
    [InlineData("status")]
    [InlineData("Metrics")]
    public void TryParse_ReservedName_RefusedWithReason(string text)
    {
        Assert.False(TunnelName.TryParse(text, TunnelNameRules.Default, out _, out var reason));
        Assert.Equal($"tunnel name '{text.ToLowerInvariant()}' is reserved", reason);
    }

    [Fact]
    public void TryParse_ConfiguredReservedList_ReplacesDefault()
    {
        var rules = new TunnelNameRules(["Billing"]);

        Assert.False(TunnelName.TryParse("billing", rules, out _, out _));
        Assert.True(TunnelName.TryParse("www", rules, out _, out _));
    }

    [Fact]
    public void NormalizeKey_DottedHostOrInvalid_LowercaseOrNull()
    {
        Assert.Equal("my.app", TunnelName.NormalizeKey("My.App"));
        Assert.Equal("myapp", TunnelName.NormalizeKey("MYAPP"));
        Assert.Null(TunnelName.NormalizeKey("my_app"));
        Assert.Null(TunnelName.NormalizeKey("my..app"));
    }

    [Fact]
    public void Normalize_MixedCaseOrInvalid_LowercaseOrNull()
    {
        Assert.Equal("myapp", TunnelName.Normalize("MYAPP"));
        Assert.Null(TunnelName.Normalize("my.app"));
        Assert.Null(TunnelName.Normalize(null));
    }

    [Fact]
    public void Draw_ManyTimes_ReadableValidNames()
    {
        var shape = new Regex("^[a-z]+-[a-z]+-[0-9]{4}$", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        for (var i = 0; i < 2000; i++)
        {
            var drawn = TunnelNameGenerator.Draw();
            Assert.Matches(shape, drawn);
            Assert.True(TunnelName.TryParse(drawn, TunnelNameRules.Default, out _, out _), drawn);
        }
    }

    [Fact]
    public void TryGenerate_TakenNames_NeverReturnsATakenName()
    {
        var generator = new TunnelNameGenerator(TunnelNameRules.Default);
        var taken = new HashSet<string>();
        var asked = 0;

        for (var i = 0; i < 500; i++)
        {
            // Every other candidate counts as taken, and so does every name handed out before.
            Assert.True(generator.TryGenerate(n => taken.Contains(n) || asked++ % 2 == 0, out var name));
            Assert.True(taken.Add(name.Value), name.Value);
        }
    }

    [Fact]
    public void TryGenerate_EverythingTaken_False()
    {
        var generator = new TunnelNameGenerator(TunnelNameRules.Default);
        var calls = 0;

        Assert.False(generator.TryGenerate(_ => ++calls > 0, out _));
        Assert.Equal(TunnelNameGenerator.MaxAttempts, calls);
    }

    [Fact]
    public void TryGenerate_ReservedByConfiguration_SkipsIt()
    {
        var generator = new TunnelNameGenerator(new TunnelNameRules(["brave-otter-0001"]));

        Assert.True(generator.TryGenerate(_ => false, out var name));
        Assert.NotEqual("brave-otter-0001", name.Value);
    }

    [Theory]
    [InlineData(80u, "Http")]
    [InlineData(443u, "Tls")]
    [InlineData(22u, "TcpAlias")]
    [InlineData(5432u, "TcpAlias")]
    [InlineData(8080u, "TcpAlias")]
    public void FromPort_Port_Kind(uint port, string kind) => Assert.Equal(kind, TunnelKinds.FromPort(port).ToString());

    [Theory]
    [InlineData("", true)]
    [InlineData(null, true)]
    [InlineData("localhost", true)]
    [InlineData("LOCALHOST", true)]
    [InlineData("*", true)]
    [InlineData("0.0.0.0", true)]
    [InlineData("127.0.0.1", true)]
    [InlineData("::", true)]
    [InlineData("myapp", false)]
    [InlineData("localhost-dev", false)]
    [InlineData("1234", false)]
    [InlineData("::1", true)]
    public void IsUnnamed_BindAddress_Classified(string? address, bool unnamed) =>
        Assert.Equal(unnamed, TunnelBindAddress.IsUnnamed(address));

    [Theory]
    [InlineData("myapp", 80u, "NamedTunnel")]
    [InlineData("mydb", 5432u, "NamedTunnel")]
    [InlineData("", 80u, "GeneratedTunnel")]
    [InlineData("localhost", 443u, "GeneratedTunnel")]
    [InlineData("localhost", 0u, "TcpListener")]
    [InlineData("", 2222u, "TcpListener")]
    [InlineData("0.0.0.0", 5432u, "TcpListener")]
    public void Classify_BindAddressAndPort_ForwardKind(string address, uint port, string kind) =>
        Assert.Equal(kind, TunnelBindAddress.Classify(address, port).ToString());
}
