using System.Net.Sockets;

namespace Warren.Relay.Listeners;

/// <summary>The accept loop of a listener actor: runs off the actor and hands each socket over by message.</summary>
internal static class AcceptLoop
{
    /// <summary>
    /// Accepts until <paramref name="stopping"/> is cancelled or the socket is closed; each accepted
    /// socket goes to <paramref name="accepted"/>, which must only send it to the actor. A client that
    /// gave up before it was accepted is skipped.
    /// </summary>
    public static async Task RunAsync(Socket listener, Action<Socket> accepted, CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                accepted(await listener.AcceptAsync(stopping).ConfigureAwait(false));
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException)
            {
                return;
            }
            catch (SocketException e) when (e.SocketErrorCode is SocketError.ConnectionAborted or SocketError.ConnectionReset)
            {
            }
        }
    }
}
