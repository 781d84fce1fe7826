using Akka.Actor;
using Microsoft.Extensions.Logging;
using Warren.Relay.Forwarding;
using Warren.Ssh.Auth;
using Warren.Ssh.Connection;

namespace Warren.Relay.Channels;

/// <summary>What a visitor's <c>direct-tcpip</c> channel needs: the open request, who asks, and where names resolve.</summary>
/// <param name="LocalChannel">This side's channel number.</param>
/// <param name="RemoteChannel">The client's channel number (sender channel of the open).</param>
/// <param name="RemoteWindow">The client's initial window.</param>
/// <param name="RemoteMaximumPacket">The client's maximum packet.</param>
/// <param name="Request">The host, port and originator as sent.</param>
/// <param name="Account">The visitor's account.</param>
/// <param name="Permissions">What the visitor's login grants.</param>
/// <param name="Policy">Where direct-tcpip may go.</param>
/// <param name="Tunnels">The tunnel registry.</param>
/// <param name="SessionId">The visitor's connection, for the log.</param>
/// <param name="Logger">Where the outcome of the open is logged.</param>
public sealed record DirectTcpipChannelContext(
    uint LocalChannel,
    uint RemoteChannel,
    uint RemoteWindow,
    uint RemoteMaximumPacket,
    DirectTcpip Request,
    string Account,
    KeyPermissions Permissions,
    DirectTargetPolicy Policy,
    IActorRef Tunnels,
    string SessionId,
    ILogger Logger)
{
    /// <summary>Close the bridge after this long without traffic (Forwarding:IdleTimeout); null: never.</summary>
    public TimeSpan? IdleTimeout { get; init; }
}
