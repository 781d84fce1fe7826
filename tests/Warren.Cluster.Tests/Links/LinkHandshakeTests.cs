using System.Text;
using Warren.Relay.Cluster.Links;

namespace Warren.Cluster.Tests.Links;

public sealed class LinkHandshakeTests
{
    private static readonly byte[] Secret = Encoding.UTF8.GetBytes("correct horse battery staple");

    [Fact]
    public void Handshake_SameSecret_EachSideAcceptsTheOthersProof()
    {
        var listenerNonce = LinkHandshake.NewNonce();
        var dialerNonce = LinkHandshake.NewNonce();

        var fromDialer = LinkHandshake.DialerProof(Secret, listenerNonce, dialerNonce);
        var fromListener = LinkHandshake.ListenerProof(Secret, listenerNonce, dialerNonce);

        Assert.True(LinkHandshake.Matches(LinkHandshake.DialerProof(Secret, listenerNonce, dialerNonce), fromDialer));
        Assert.True(LinkHandshake.Matches(LinkHandshake.ListenerProof(Secret, listenerNonce, dialerNonce), fromListener));
    }

    [Fact]
    public void Handshake_NodeWithAnotherSecret_IsRefused()
    {
        var listenerNonce = LinkHandshake.NewNonce();
        var dialerNonce = LinkHandshake.NewNonce();

        var fromStranger = LinkHandshake.DialerProof(Encoding.UTF8.GetBytes("guess"), listenerNonce, dialerNonce);

        Assert.False(LinkHandshake.Matches(LinkHandshake.DialerProof(Secret, listenerNonce, dialerNonce), fromStranger));
    }

    [Fact]
    public void Handshake_OneRolesProof_IsNotTheOthers()
    {
        var listenerNonce = LinkHandshake.NewNonce();
        var dialerNonce = LinkHandshake.NewNonce();

        // A listener's Accept replayed as a dialer's Response must not pass.
        Assert.False(LinkHandshake.Matches(
            LinkHandshake.DialerProof(Secret, listenerNonce, dialerNonce),
            LinkHandshake.ListenerProof(Secret, listenerNonce, dialerNonce)));
    }

    [Fact]
    public void Handshake_OldResponseToAFreshChallenge_IsRefused()
    {
        var dialerNonce = LinkHandshake.NewNonce();
        var old = LinkHandshake.DialerProof(Secret, LinkHandshake.NewNonce(), dialerNonce);

        Assert.False(LinkHandshake.Matches(LinkHandshake.DialerProof(Secret, LinkHandshake.NewNonce(), dialerNonce), old));
    }

    [Fact]
    public void Matches_ProofOfTheWrongLength_IsRefused() =>
        Assert.False(LinkHandshake.Matches(new byte[32], new byte[31]));
}
