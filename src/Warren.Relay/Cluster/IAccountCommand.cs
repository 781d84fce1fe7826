namespace Warren.Relay.Cluster;

/// <summary>A message for the <see cref="AccountEntity"/> of one account; <see cref="Account"/> is the entity id.</summary>
internal interface IAccountCommand
{
    string Account { get; }
}
