using Warren.Interop.Tests.Infrastructure;

namespace Warren.Interop.Tests.Transport;

/// <summary>ssh-keyscan reads every host key type `warren serve` generated into its data directory.</summary>
public sealed class SshKeyscanTests(WarrenServerFixture server) : IClassFixture<WarrenServerFixture>
{
    [Theory]
    [InlineData("ed25519", "ssh-ed25519")]
    [InlineData("ecdsa", "ecdsa-sha2-nistp256")]
    [InlineData("rsa", "ssh-rsa")]
    public async Task Keyscan_EachHostKeyType_ReadsTheGeneratedKey(string type, string keyType)
    {
        var result = await SshKeyscan.RunAsync(server.Port, type);

        var keys = SshKeyscan.Keys(result);
        var key = Assert.Single(keys);
        Assert.Equal(keyType, key.Algorithm);
        Assert.Equal(server.HostKeyBlob(type), key.Blob);
    }
}
