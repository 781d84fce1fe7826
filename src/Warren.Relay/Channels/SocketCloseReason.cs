namespace Warren.Relay.Channels;

/// <summary>
/// Why a <see cref="ForwardedSocketActor"/> closed its socket, blaming the side that failed as YARP's
/// copy loop does. The channel turns every reason into CHANNEL_CLOSE; the reason is for metrics and logs.
/// </summary>
public enum SocketCloseReason
{
    /// <summary>Both directions ended with a FIN: EOF read, and every write sent before our shutdown(Send).</summary>
    Normal,

    /// <summary>Reading the socket failed (other than a reset).</summary>
    SourceError,

    /// <summary>Writing the socket failed (other than a reset).</summary>
    DestinationError,

    /// <summary>The TCP peer reset the connection (RST), on a read or a write.</summary>
    Reset,

    /// <summary>The channel sent <see cref="SocketClose"/> before both directions had ended.</summary>
    Canceled,

    /// <summary>No byte was read or written for the idle timeout.</summary>
    IdleTimeout,
}
