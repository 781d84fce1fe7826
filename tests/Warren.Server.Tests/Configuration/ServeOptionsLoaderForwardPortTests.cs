namespace Warren.Server.Tests.Configuration;

/// <summary>--forward-ports and --forward-bind: defaults, flags, environment, and errors that say the fix.</summary>
public sealed class ServeOptionsLoaderForwardPortTests
{
    [Fact]
    public void TryLoad_NoForwardFlags_UsesTheDefaults()
    {
        var options = Load.Ok([]);

        Assert.Equal("20000-29999", options.ForwardPorts);
        Assert.Equal("0.0.0.0", options.ForwardBind);
    }

    [Fact]
    public void TryLoad_ForwardFlags_AreStored()
    {
        var options = Load.Ok(["--forward-ports", " 30000-30010 ", "--forward-bind", "127.0.0.1"]);

        Assert.Equal("30000-30010", options.ForwardPorts);
        Assert.Equal("127.0.0.1", options.ForwardBind);
    }

    [Fact]
    public void TryLoad_ForwardSettingsFromEnvironment_AreStored()
    {
        var env = Load.Env(("WARREN__Forwarding__Ports", "40000"), ("WARREN__Forwarding__BindAddress", "::1"));

        var options = Load.Ok([], env);

        Assert.Equal("40000", options.ForwardPorts);
        Assert.Equal("::1", options.ForwardBind);
    }

    [Theory]
    [InlineData("30000-20000")]
    [InlineData("0-100")]
    [InlineData("20000-70000")]
    [InlineData("many")]
    public void TryLoad_BadForwardPorts_IsRefusedWithAnExample(string value)
    {
        var error = Load.Error(["--forward-ports", value]);

        Assert.Contains("--forward-ports", error, StringComparison.Ordinal);
        Assert.Contains("write e.g. 20000-29999", error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryLoad_ForwardBindWithAPort_IsRefused()
    {
        var error = Load.Error(["--forward-bind", "0.0.0.0:22"]);

        Assert.Contains("--forward-bind", error, StringComparison.Ordinal);
    }
}
