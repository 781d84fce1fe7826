using System.Net;
using System.Net.Sockets;

namespace Warren.Relay.Forwarding;

/// <summary>
/// Resolves and connects a direct-tcpip target that <see cref="DirectTargetPolicy"/> allowed as a
/// real host. Every resolved address passes <see cref="DirectTargetPolicy.CheckResolved(DirectTargetDecision, IPAddress)"/>
/// before the relay connects to it (DNS rebinding), and every failure comes back as a result with
/// the RFC 4254 code and a reason for the person at the client, never as an exception.
/// </summary>
public static class RealHostConnector
{
    /// <summary>Resolves <paramref name="decision"/>'s host and connects to the first allowed address that answers.</summary>
    /// <param name="decision">A <see cref="DirectTargetKind.RealHost"/> decision.</param>
    /// <param name="policy">The policy that made it, for the check after resolution.</param>
    /// <param name="timeout">For resolution and connection together.</param>
    /// <param name="cancellation">Cancelled when the channel is gone; a socket connected after that is closed here.</param>
    public static async Task<RealHostConnection> ConnectAsync(DirectTargetDecision decision, DirectTargetPolicy policy, TimeSpan timeout, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(decision);
        ArgumentNullException.ThrowIfNull(policy);
        var target = HostPortText.Printable(HostPortText.Format(decision.Host, decision.Port));
        var host = HostPortText.Printable(decision.Host);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        deadline.CancelAfter(timeout);
        try
        {
            IPAddress[] addresses;
            if (IPAddress.TryParse(decision.Host, out var literal))
            {
                addresses = [literal];
            }
            else
            {
                try
                {
                    addresses = await Dns.GetHostAddressesAsync(decision.Host, deadline.Token).ConfigureAwait(false);
                }
                catch (SocketException)
                {
                    addresses = [];
                }

                if (addresses.Length == 0)
                {
                    return RealHostConnection.Failed(ChannelOpenFailureCode.ConnectFailed, $"{host} does not resolve");
                }
            }

            DirectTargetDecision? refusal = null;
            SocketException? lastError = null;
            foreach (var address in addresses)
            {
                var check = policy.CheckResolved(decision, address);
                if (!check.IsAllowed)
                {
                    refusal ??= check;
                    continue;
                }

                var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    await socket.ConnectAsync(new IPEndPoint(address, decision.Port), deadline.Token).ConfigureAwait(false);
                    if (cancellation.IsCancellationRequested)
                    {
                        socket.Dispose();
                        return RealHostConnection.Failed(ChannelOpenFailureCode.ConnectFailed, "the channel closed while connecting");
                    }

                    return new RealHostConnection(socket, 0, HostPortText.Format(address.ToString(), decision.Port));
                }
                catch (SocketException e)
                {
                    socket.Dispose();
                    lastError = e;
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            }

            if (lastError is null && refusal is not null)
            {
                return RealHostConnection.Failed(refusal.FailureCode, refusal.Reason);
            }

            return RealHostConnection.Failed(ChannelOpenFailureCode.ConnectFailed, lastError?.SocketErrorCode switch
            {
                SocketError.ConnectionRefused => $"connection refused by {target}",
                SocketError.HostUnreachable or SocketError.NetworkUnreachable => $"{target} is unreachable from the relay",
                { } code => $"could not connect to {target}: {code}",
                null => $"could not connect to {target}",
            });
        }
        catch (OperationCanceledException) when (!cancellation.IsCancellationRequested)
        {
            return RealHostConnection.Failed(ChannelOpenFailureCode.ConnectFailed, $"{target} did not answer within {timeout.TotalSeconds:0} s");
        }
        catch (OperationCanceledException)
        {
            return RealHostConnection.Failed(ChannelOpenFailureCode.ConnectFailed, "the channel closed while connecting");
        }
    }
}

/// <summary>The outcome of <see cref="RealHostConnector.ConnectAsync"/>: a connected socket, or why not.</summary>
/// <param name="Socket">The connected socket, owned by whoever receives this; null on failure.</param>
/// <param name="FailureCode">On failure: the RFC 4254 §5.1 code for CHANNEL_OPEN_FAILURE.</param>
/// <param name="Text">On success: the address connected; on failure: the reason.</param>
public sealed record RealHostConnection(Socket? Socket, ChannelOpenFailureCode FailureCode, string Text)
{
    internal static RealHostConnection Failed(ChannelOpenFailureCode code, string reason) => new(null, code, reason);
}
