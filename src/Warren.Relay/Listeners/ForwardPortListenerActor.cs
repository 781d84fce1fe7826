using System.Net.Sockets;
using Akka.Actor;

namespace Warren.Relay.Listeners;

/// <summary>
/// <c>/user/node/sessions/&lt;conn-id&gt;/port-&lt;PORT&gt;</c>: the relay port of one <c>ssh -R PORT:...</c>
/// or <c>ssh -R 0:...</c>. It is the connection's child, not the node's, because the port lives
/// exactly as long as the session that asked for it: cancel-tcpip-forward stops it, and the
/// session's end stops it with every other child, so no port outlives its client. Each accepted
/// visitor goes to the connection as <see cref="ForwardPortVisitor"/>, which opens a
/// <c>forwarded-tcpip</c> channel for it.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "Actors release what they own in PostStop, which Akka calls exactly once.")]
public sealed class ForwardPortListenerActor : ReceiveActor
{
    private readonly Socket _socket;
    private readonly string _bindAddress;
    private readonly uint _port;
    private readonly CancellationTokenSource _stopping = new();

    /// <summary>Props for the listener; <paramref name="socket"/> is bound and listening and becomes the actor's.</summary>
    /// <param name="socket">The listening socket.</param>
    /// <param name="bindAddress">The bind address exactly as the client sent it, echoed in each forwarded-tcpip open.</param>
    /// <param name="port">The port bound (the allocated one for a request of 0).</param>
    public static Props Props(Socket socket, string bindAddress, uint port) =>
        Akka.Actor.Props.Create(() => new ForwardPortListenerActor(socket, bindAddress, port));

    public ForwardPortListenerActor(Socket socket, string bindAddress, uint port)
    {
        _socket = socket;
        _bindAddress = bindAddress;
        _port = port;
        Receive<Accepted>(accepted => Context.Parent.Tell(new ForwardPortVisitor(accepted.Socket, _bindAddress, _port)));
    }

    /// <inheritdoc />
    protected override void PreStart()
    {
        var self = Self;
        _ = AcceptLoop.RunAsync(_socket, client => self.Tell(new Accepted(client)), _stopping.Token);
    }

    /// <inheritdoc />
    protected override void PostStop()
    {
        _stopping.Cancel();
        _socket.Dispose();
        _stopping.Dispose();
    }

    private sealed record Accepted(Socket Socket);
}

/// <summary>
/// To the connection: a visitor connected to one of its relay ports. Ownership of
/// <see cref="Socket"/> passes with the message.
/// </summary>
/// <param name="Socket">The visitor's connected socket.</param>
/// <param name="BindAddress">The bind address as the client sent it in tcpip-forward.</param>
/// <param name="Port">The relay port.</param>
public sealed record ForwardPortVisitor(Socket Socket, string BindAddress, uint Port);
