using System.Runtime.Serialization;
using Akka.Actor;
using Akka.Serialization;

namespace Warren.Relay.Cluster.Links;

/// <summary>
/// Bound to <see cref="Channels.BridgeData"/> in cluster-config/base.hocon: a bridge's bytes
/// must cross nodes on a relay link, never on Akka remoting, where they would queue ahead of
/// the heartbeats. Should one ever be sent to a remote actor, it is counted
/// (<c>warren_remoting_bulk_refused_total</c>) and dropped; remoting logs the refusal and the
/// association stays up.
/// </summary>
public sealed class BulkBytesGuardSerializer(ExtendedActorSystem system) : Serializer(system)
{
    /// <inheritdoc />
    public override int Identifier => 730_001;

    /// <inheritdoc />
    public override bool IncludeManifest => false;

    /// <inheritdoc />
    public override byte[] ToBinary(object obj)
    {
        Metrics.RelayMetrics.RemotingBulkMessageRefused();
        throw new SerializationException($"{obj?.GetType().Name} carries a bridge's bytes; those cross nodes on relay links, not on remoting");
    }

    /// <inheritdoc />
    public override object FromBinary(byte[] bytes, Type type) =>
        throw new SerializationException($"{type?.Name} never crosses nodes on remoting");
}
