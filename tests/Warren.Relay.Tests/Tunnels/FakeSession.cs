using Akka.Actor;

namespace Warren.Relay.Tests.Tunnels;

/// <summary>An actor ref with no actor behind it, for <see cref="Relay.Tunnels.TunnelState"/> tests that need distinct sessions.</summary>
internal sealed class FakeSession : MinimalActorRef
{
    public FakeSession(string id) => Path = new RootActorPath(new Address("akka", "test")) / "user" / id;

    public override ActorPath Path { get; }

    public override IActorRefProvider Provider => throw new NotSupportedException();
}
