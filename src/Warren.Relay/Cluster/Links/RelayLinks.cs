using Akka.Actor;
using Warren.Relay.Channels;

namespace Warren.Relay.Cluster.Links;

/// <summary>
/// Where bridges choose between staying on the node and crossing a relay link, and how a node
/// tells the others where its relay links listen: a cluster role <c>relay-link=HOST:PORT</c>,
/// set at start (<c>--relay-listen</c>) and gossiped with the membership.
/// </summary>
public static class RelayLinks
{
    /// <summary>The node's relay-link actor: <c>/user/node/relay-links</c>.</summary>
    public const string ActorName = "relay-links";

    private const string RolePrefix = "relay-link=";

    /// <summary>The cluster role that advertises <paramref name="hostPort"/> as this node's relay-link endpoint.</summary>
    public static string Role(string hostPort) => RolePrefix + hostPort;

    /// <summary>
    /// Asks <paramref name="session"/> for the forwarded-tcpip channel of a bridge. A session on
    /// this node is asked directly; one on another node through this node's relay links, so the
    /// bridge's bytes cross on a link and never on Akka remoting. The answer reaches
    /// <c>open.Peer</c> either way.
    /// </summary>
    public static void OpenBridge(IActorContext context, IActorRef session, OpenForwardedTcpip open)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(open);
        if (session.Path.Address.HasLocalScope)
        {
            session.Tell(open);
            return;
        }

        context.ActorSelection("/user/node/" + ActorName).Tell(new OpenLinkedBridge(session, open));
    }

    /// <summary>Connects <paramref name="client"/> to an advertised endpoint, <c>HOST:PORT</c> or <c>[IPv6]:PORT</c>.</summary>
    internal static Task ConnectAsync(System.Net.Sockets.TcpClient client, string endPoint, CancellationToken cancellationToken)
    {
        var colon = endPoint.LastIndexOf(':');
        var port = int.Parse(endPoint[(colon + 1)..], System.Globalization.CultureInfo.InvariantCulture);
        return client.ConnectAsync(endPoint[..colon].Trim('[', ']'), port, cancellationToken).AsTask();
    }

    /// <summary>The relay-link endpoint that <paramref name="node"/> advertises, if it is a member that has one.</summary>
    internal static string? EndpointOf(Akka.Cluster.Cluster cluster, Address node)
    {
        foreach (var member in cluster.State.Members)
        {
            if (member.Address.Equals(node))
            {
                foreach (var role in member.Roles)
                {
                    if (role.StartsWith(RolePrefix, StringComparison.Ordinal))
                    {
                        return role[RolePrefix.Length..];
                    }
                }
            }
        }

        return null;
    }
}
