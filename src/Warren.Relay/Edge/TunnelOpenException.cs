namespace Warren.Relay.Edge;

/// <summary>The forwarder's connect callback could not open a tunnel stream; carries why, for the error page.</summary>
internal sealed class TunnelOpenException : IOException
{
    public TunnelOpenException()
    {
    }

    public TunnelOpenException(string message)
        : base(message)
    {
    }

    public TunnelOpenException(string message, Exception inner)
        : base(message, inner)
    {
    }

    public TunnelOpenException(TunnelOpenFailure failure, string reason)
        : base(reason)
    {
        Failure = failure;
    }

    public TunnelOpenFailure Failure { get; }
}
