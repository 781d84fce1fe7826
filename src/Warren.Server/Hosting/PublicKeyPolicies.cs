using Warren.Server.Configuration;
using Warren.Ssh.Auth;

namespace Warren.Server.Hosting;

/// <summary>Combines the key sources the operator configured into one policy.</summary>
internal static class PublicKeyPolicies
{
    public static IPublicKeyPolicy? Create(ServeOptions options, AuthorizedKeysStore? store, Action<string> report)
    {
        if (store is null && options.TrustedUserCaKeys is null)
        {
            return null;
        }

        var trusted = options.TrustedUserCaKeys is null ? null : TrustedUserCaKeys.Load(options.TrustedUserCaKeys, report);
        var revoked = options.RevokedKeys is null ? null : new RevokedKeys(options.RevokedKeys, warning: report);
        var authorized = store is null ? null : new AuthorizedKeysPolicy(store);
        return new CombinedPublicKeyPolicy(authorized, trusted, revoked, options.ClockSkew);
    }
}
