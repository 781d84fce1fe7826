using System.Net;
using Warren.Server.Configuration;
using Warren.Server.Hosting;

namespace Warren.Server.Tests.Hosting;

/// <summary>The relay-link listener, its advertised endpoint (a cluster role) and the cluster secret rules.</summary>
public sealed class RelayLinkSetupTests
{
    [Fact]
    public void Start_NoFlags_LoopbackFreePortAdvertisedAsARole()
    {
        var options = new ServeOptions();
        var (listener, secret) = RelayLinkSetup.Start(options, AkkaSettings.Build(options), out var role);
        using (listener)
        {
            var port = ((IPEndPoint)listener.LocalEndPoint!).Port;
            Assert.Equal(IPAddress.Loopback, ((IPEndPoint)listener.LocalEndPoint!).Address);
            Assert.Equal($"relay-link=127.0.0.1:{port}", role);
            Assert.NotEmpty(secret);
        }
    }

    [Fact]
    public void WithRole_AddsTheRoleToTheClusterRoles()
    {
        var config = RelayLinkSetup.WithRole(AkkaSettings.Build(new ServeOptions()), "relay-link=127.0.0.1:4054");

        Assert.Equal(["relay-link=127.0.0.1:4054"], config.GetStringList("akka.cluster.roles"));
    }

    [Fact]
    public void ReadSecret_NetworkAddressWithSeedsAndNoFile_RefusedWithHowToMakeOne()
    {
        var error = Assert.Throws<OptionsException>(() => RelayLinkSetup.ReadSecret(null, loopback: false, seeded: true));

        Assert.Contains("--cluster-secret-file", error.Message, StringComparison.Ordinal);
        Assert.Contains("head -c 32 /dev/urandom", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadSecret_LoopbackWithSeedsAndNoFile_TheSameSecretOnEveryNode()
    {
        Assert.Equal(RelayLinkSetup.ReadSecret(null, loopback: true, seeded: true), RelayLinkSetup.ReadSecret(null, loopback: true, seeded: true));
    }

    [Fact]
    public void ReadSecret_NodeAloneOnANetworkAddress_ARandomSecret()
    {
        Assert.NotEqual(RelayLinkSetup.ReadSecret(null, loopback: false, seeded: false), RelayLinkSetup.ReadSecret(null, loopback: false, seeded: false));
    }

    [Fact]
    public void ReadSecret_ShortFile_RefusedWithHowToMakeOne()
    {
        using var dir = new TempDirectory();
        var file = dir.Write("secret", "short");

        var error = Assert.Throws<OptionsException>(() => RelayLinkSetup.ReadSecret(file, loopback: false, seeded: true));

        Assert.Contains("too short", error.Message, StringComparison.Ordinal);
        Assert.Contains("head -c 32 /dev/urandom", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadSecret_File_ItsBytes()
    {
        using var dir = new TempDirectory();
        var file = Path.Combine(dir.Path, "secret");
        var bytes = System.Security.Cryptography.RandomNumberGenerator.GetBytes(32);
        File.WriteAllBytes(file, bytes);

        Assert.Equal(bytes, RelayLinkSetup.ReadSecret(file, loopback: true, seeded: false));
    }
}
