using System.Net;
using Akka.Actor;
using Microsoft.Extensions.Logging.Abstractions;
using Warren.Relay.Forwarding;
using Warren.Relay.Listeners;
using Warren.Relay.Node;
using Warren.Ssh.Buffers;
using Warren.Ssh.Keys;
using Warren.Ssh.Server;
using Warren.Ssh.Transport;

namespace Warren.Relay.Tests.InProcess;

/// <summary>
/// The relay's node (<see cref="NodeGuardian"/>) in the test's actor system, on a real loopback
/// socket, accepting any key, with the pool the test watches and the real hosts it may reach.
/// </summary>
internal sealed class InProcessRelay
{
    private InProcessRelay(IActorRef node, int port)
    {
        Node = node;
        Port = port;
    }

    public IActorRef Node { get; }

    public int Port { get; }

    public static InProcessRelay Start(ActorSystem system, PacketBufferPool pool, params string[] permitOpen)
    {
        var endPoint = new IPEndPoint(IPAddress.Loopback, 0);
        var socket = ListeningSocket.Bind(endPoint);
        var port = ((IPEndPoint)socket.LocalEndPoint!).Port;
        var options = new SshListenerOptions(endPoint, [KeyFile.Generate("ed25519")], new SshTransportSettings())
        {
            Auth = new UserAuthOptions { Anonymous = true },
            BufferPool = pool,
            DirectTargets = new DirectTargetPolicy(PermitOpenEntry.ParseAll(permitOpen)),
            Penalties = null,
        };
        var node = system.ActorOf(NodeGuardian.Props(socket, options, NullLoggerFactory.Instance), "node-" + Guid.NewGuid().ToString("N"));
        return new InProcessRelay(node, port);
    }
}
