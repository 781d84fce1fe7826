using Akka.Cluster.Sharding;

namespace Warren.Relay.Cluster;

/// <summary>Routes an <see cref="IAccountCommand"/> to the "account" entity of its account.</summary>
internal sealed class AccountMessageExtractor(int shards) : HashCodeMessageExtractor(shards)
{
    public override string? EntityId(object message) => message is IAccountCommand command ? command.Account : null;
}
