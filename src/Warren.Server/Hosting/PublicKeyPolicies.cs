using Warren.Server.Configuration;
using Warren.Ssh.Auth;

namespace Warren.Server.Hosting;

/// <summary>Combines the key sources the operator configured into one policy.</summary>
internal static class PublicKeyPolicies
{
    public static IPublicKeyPolicy? Create(ServeOptions options, AuthorizedKeysStore? store, Action<string> report)
    {
        _ = options;
        _ = report;
        return store is null ? null : new AuthorizedKeysPolicy(store);
    }
}
