using Akka.Actor;
using Warren.Relay.Admin;
using Warren.Relay.Channels;
using Warren.Relay.Cluster;
using Warren.Relay.Edge;
using SessionTunnelInfo = Warren.Relay.Sessions.TunnelInfo;
using Warren.Relay.Tunnels;
using Warren.Ssh.Connection;

namespace Warren.Cluster.Tests.Entities;

/// <summary>
/// The messages that cross between nodes survive the serializer Akka picks for them (records
/// with actor refs, nested records, enums and nulls), as remoting would carry them.
/// </summary>
public sealed class ControlMessageSerializationTests : OneNodeClusterKit
{
    private static readonly DateTimeOffset At = new(2026, 11, 26, 4, 0, 0, TimeSpan.Zero);

    public static TheoryData<string> MessageNames => [.. Messages(ActorRefs.Nobody).Keys];

    [Theory]
    [MemberData(nameof(MessageNames))]
    public void RoundTrip_ControlMessage_ComesBackEqual(string name)
    {
        var message = Messages(TestActor)[name];
        var serializer = Sys.Serialization.FindSerializerFor(message);
        var bytes = serializer.ToBinary(message);

        var back = Sys.Serialization.Deserialize(bytes, serializer.Identifier, Akka.Serialization.Serialization.ManifestFor(serializer, message));

        Assert.Equal(message, back);
    }

    [Fact]
    public void RoundTrip_BackendWithEdgeOptions_KeepsEveryOption()
    {
        Assert.True(EdgeTunnelOptionsParser.TryParse(
            "auth=alice:s3cret allow=203.0.113.0/24,2001:db8::/32 forwarded=off host-header=app.local proxy-protocol=2 force-https allow-accounts=bob bind=replace",
            out var options,
            out var problem), problem);
        var message = new TunnelResolved("myapp", TunnelKind.Http, new TunnelBackend(TestActor, "conn-7", "myapp", 80) { Options = options });
        var serializer = Sys.Serialization.FindSerializerFor(message);

        var back = (TunnelResolved)Sys.Serialization.Deserialize(serializer.ToBinary(message), serializer.Identifier, Akka.Serialization.Serialization.ManifestFor(serializer, message));

        var carried = back.Backend.Options;
        Assert.Equal(options.BasicAuth, carried.BasicAuth);
        Assert.Equal(options.Allow, carried.Allow);
        Assert.False(carried.ForwardedHeaders);
        Assert.Equal("app.local", carried.HostHeader);
        Assert.Equal(2, carried.ProxyProtocol);
        Assert.True(carried.ForceHttps);
        Assert.Equal(["bob"], carried.AllowAccounts);
        Assert.Equal(BindPolicy.Replace, carried.Bind);
        Assert.True(carried.AllowsVisitor(System.Net.IPAddress.Parse("203.0.113.9")));
    }

    private static Dictionary<string, object> Messages(IActorRef session)
    {
        var backend = new TunnelBackend(session, "conn-7", "myapp", 80);
        var bind = new BindTunnel("myapp", "alice", backend, BindPolicy.Replace, Fresh: true);
        return new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["BindTunnel"] = bind,
            ["UnbindTunnel"] = new UnbindTunnel("myapp", backend),
            ["ResolveTunnel"] = new ResolveTunnel("myapp", null),
            ["TunnelBound"] = new TunnelBound("myapp", TunnelKind.Http, TunnelBindOutcome.JoinedPool, backend),
            ["TunnelBindRefused"] = new TunnelBindRefused("myapp", "taken", backend),
            ["TunnelResolved"] = new TunnelResolved("myapp", TunnelKind.TcpAlias, backend),
            ["TunnelNotFound"] = new TunnelNotFound("myapp"),
            ["ReserveTunnel"] = new ReserveTunnel("alice", 20, "too many tunnels", bind),
            ["TunnelOwnership"] = new TunnelOwnership("alice", "myapp", Live: true),
            ["OpenForwardedTcpip"] = new OpenForwardedTcpip(new ForwardedTcpip("myapp", 80, "10.0.0.1", 5555), session),
            ["BridgeAck"] = new BridgeAck(32768),
            ["BridgeOpenFailed"] = new BridgeOpenFailed(Warren.Relay.Forwarding.ChannelOpenFailureCode.ConnectFailed, "the session ended"),
            ["OpenFarEnd"] = new Warren.Relay.Cluster.Links.OpenFarEnd("0123456789abcdef", 7, session, new ForwardedTcpip("myapp", 80, "10.0.0.1", 5555), session),
            ["RegisterSession"] = new RegisterSession("alice", session, "conn-7", "127.0.0.1:4053", "10.0.0.1:5555", At, 50, "too many sessions", Readmit: true),
            ["SessionRegistered"] = new SessionRegistered(session),
            ["SessionRegistrationRefused"] = new SessionRegistrationRefused(session, "too many sessions"),
            ["ListAccount"] = new ListAccount("alice"),
            ["ListSessions"] = ListSessions.Instance,
            ["DisconnectSession"] = new DisconnectSession("conn-7"),
            ["SessionDisconnecting"] = new SessionDisconnecting("conn-7"),
            ["SessionNotFound"] = new SessionNotFound("conn-7"),
            ["ReleaseTunnel"] = new ReleaseTunnel("conn-7", "myapp"),
            ["TunnelReleased"] = new TunnelReleased("conn-7", "myapp", 1),
        };
    }

    /// <summary>
    /// Records with lists compare by reference, so these are compared field by field (and list by list).
    /// </summary>
    [Fact]
    public void RoundTrip_SessionListAndAccountIndex_ComeBackWithTheirLists()
    {
        var tunnel = new SessionTunnelInfo("myapp", Warren.Relay.Sessions.TunnelKind.Http, 80, "conn-7", At);
        // Arrays and lists, as the actors build them (a collection expression's own list type would not deserialize).
        var list = new SessionList(new[] { new SessionView("conn-7", "10.0.0.1:5555", "open", "alice", At, 2, new[] { tunnel }) });
        var index = new AccountIndex("alice", new List<IndexedSession> { new("conn-7", "127.0.0.1:4053", "10.0.0.1:5555", At) }, new List<string> { "myapp" });

        var listBack = RoundTrip(list);
        var indexBack = RoundTrip(index);

        var view = Assert.Single(listBack.Sessions);
        Assert.Equal(list.Sessions[0], view with { Tunnels = list.Sessions[0].Tunnels });
        Assert.Equal(tunnel, Assert.Single(view.Tunnels));
        Assert.Equal(index.Sessions, indexBack.Sessions);
        Assert.Equal(index.Tunnels, indexBack.Tunnels);
    }

    private T RoundTrip<T>(T message)
        where T : notnull
    {
        var serializer = Sys.Serialization.FindSerializerFor(message);
        var bytes = serializer.ToBinary(message);
        return (T)Sys.Serialization.Deserialize(bytes, serializer.Identifier, Akka.Serialization.Serialization.ManifestFor(serializer, message));
    }
}
