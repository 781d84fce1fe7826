using Warren.Relay.Metrics;

namespace Warren.Relay.Tests.Metrics;

/// <summary>The free-text refusals of the audit log map to the fixed label sets, with real texts from the policies.</summary>
public sealed class FailureReasonLabelTests
{
    [Theory]
    [InlineData("no matching key", "not_authorized")]
    [InlineData("no authorized_keys configured", "not_authorized")]
    [InlineData("from= of /etc/warren/keys:3 does not match 10.0.0.1", "not_authorized")]
    [InlineData("key of /etc/warren/keys:3 expired at 2026-01-01 00:00:00Z", "not_authorized")]
    [InlineData("key is revoked", "revoked")]
    [InlineData("certificate ci serial 7 CA SHA256:x: no principal matches user bob", "certificate")]
    [InlineData("signature did not verify", "bad_signature")]
    [InlineData("security key signature lacks user presence or verification", "user_presence")]
    [InlineData("wrong password or unknown user", "wrong_password")]
    [InlineData("method password is not enabled", "method_not_allowed")]
    [InlineData("key algorithm ssh-dss is not accepted", "method_not_allowed")]
    [InlineData("unsupported algorithm foo", "method_not_allowed")]
    [InlineData("something new", "other")]
    public void AuthFailureReasons_PolicyText_GivesItsLabel(string text, string label) =>
        Assert.Equal(label, AuthFailureReasons.Classify(text));

    [Theory]
    [InlineData("malformed tcpip-forward request", "malformed")]
    [InlineData("tunnel limit reached: account 'a' may have 10 tunnels", "limit")]
    [InlineData("TCP ports on the relay are not served yet; name the tunnel: ssh -R NAME:PORT:HOST:PORT", "unsupported")]
    [InlineData("tunnel 'db' needs a port: use 80 (HTTP), 443 (TLS) or the service's port", "unsupported")]
    [InlineData("port forwarding is disabled for this key (restrict or no-port-forwarding in authorized_keys)", "not_permitted")]
    [InlineData("this key's permitlisten= does not allow db:5432; it allows web:80", "not_permitted")]
    [InlineData("tunnel 'db' belongs to another account", "taken")]
    [InlineData("tunnel 'db' is taken", "taken")]
    [InlineData("tunnel 'db' is bound on port 5432; a pool serves one port (bind port 80 under another name, or replace)", "taken")]
    [InlineData("'-x' is not a valid tunnel name: use 1 to 63 letters, digits and hyphens", "invalid_name")]
    [InlineData("tunnel name 'www' is reserved", "invalid_name")]
    [InlineData("port 70000 is out of range", "other")]
    public void BindRefusalReasons_RefusalText_GivesItsLabel(string text, string label)
    {
        Assert.Equal(label, BindRefusalReasons.Classify(text));
        Assert.Contains(label, BindRefusalReasons.All);
    }
}
