using Akka.Actor;
using Akka.TestKit;
using Akka.TestKit.Xunit2;
using Warren.Relay.Channels;
using Warren.Ssh;
using Warren.Ssh.Connection;

namespace Warren.Relay.Tests.Channels;

/// <summary>The publisher's side of a bridge: the open it sends, and flow control across the bridge.</summary>
public sealed class ForwardedTcpipChannelActorTests : TestKit
{
    private const uint Local = 3;
    private const uint Remote = 7;
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);

    private readonly TestProbe _connection;
    private readonly TestProbe _visitor;

    public ForwardedTcpipChannelActorTests()
    {
        _connection = CreateTestProbe();
        _visitor = CreateTestProbe();
    }

    [Fact]
    public void Start_SendsForwardedTcpipOpen_EchoingTheBindAddressAndPort()
    {
        Channel();

        var open = Outbound();

        Assert.True(ChannelOpen.TryRead(open, out var header, out var data));
        Assert.True(ForwardedTcpip.TryReadData(data, out var target));
        Assert.Equal(ChannelTypes.ForwardedTcpip, header.ChannelType);
        Assert.Equal(Local, header.SenderChannel);
        Assert.Equal("localhost", target.ConnectedAddress);
        Assert.Equal(80u, target.ConnectedPort);
        Assert.Equal("192.0.2.1", target.OriginatorAddress);
    }

    [Fact]
    public void OpenFailure_TellsTheVisitorConnectFailed_AndStops()
    {
        var channel = Channel();
        Outbound();
        Watch(channel);

        var failure = new ChannelOpenFailure(Local, ChannelOpenFailureReason.ConnectFailed, "Connection refused");
        var payload = new byte[failure.GetSize()];
        failure.WriteTo(payload);
        channel.Tell(new ChannelInbound(payload));

        var failed = _visitor.ExpectMsg<BridgeOpenFailed>(Wait);
        Assert.Equal(Warren.Relay.Forwarding.ChannelOpenFailureCode.ConnectFailed, failed.Code);
        Assert.Contains("Connection refused", failed.Reason, StringComparison.Ordinal);
        ExpectTerminated(channel, Wait);
    }

    [Fact]
    public void BridgeData_BeyondTheClientsWindow_WaitsForWindowAdjust_InPacketsOfMaximumSize()
    {
        var channel = OpenChannel(window: 10, maximumPacket: 4);
        var bytes = Enumerable.Range(0, 25).Select(i => (byte)i).ToArray();

        channel.Tell(new BridgeData(bytes, 0, bytes.Length), _visitor.Ref);

        Assert.Equal([4, 4, 2], [DataWithAck(), DataWithAck(), DataWithAck()]);
        _connection.ExpectNoMsg(TimeSpan.FromMilliseconds(200));

        channel.Tell(new ChannelInbound(ChannelPayloads.Encode(new ChannelWindowAdjust(Local, 100))));

        Assert.Equal([4, 4, 4, 3], [DataWithAck(), DataWithAck(), DataWithAck(), DataWithAck()]);
        _visitor.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void ClientData_WidensTheClientsWindow_OnlyAfterThePeerSentItOn()
    {
        var channel = OpenChannel(window: 1 << 20, maximumPacket: 32 * 1024);
        var chunk = new byte[32 * 1024];
        var packets = (int)(BridgedChannelActor.LocalWindow / chunk.Length);

        for (var i = 0; i < packets; i++)
        {
            channel.Tell(new ChannelInbound(ChannelPayloads.Data(Local, chunk)));
        }

        var total = 0;
        for (var i = 0; i < packets; i++)
        {
            total += _visitor.ExpectMsg<BridgeData>(Wait).Length;
        }

        _connection.ExpectNoMsg(TimeSpan.FromMilliseconds(200));
        channel.Tell(new BridgeAck(total), _visitor.Ref);

        var adjust = Outbound();
        Assert.True(ChannelWindowAdjust.TryRead(adjust, out var message));
        Assert.Equal(Remote, message.RecipientChannel);
        Assert.Equal(BridgedChannelActor.LocalWindow, message.BytesToAdd);
    }

    [Fact]
    public void ClientData_BeyondTheWindow_IsAProtocolError()
    {
        var failures = CreateTestProbe();
        var strategy = new OneForOneStrategy(error =>
        {
            failures.Ref.Tell(error);
            return Directive.Stop;
        });
        var channel = _connection.ChildActorOf(ForwardedTcpipChannelActor.Props(Local, Target(), _visitor.Ref), strategy);
        Outbound();
        channel.Tell(new ChannelInbound(ChannelPayloads.Encode(new ChannelOpenConfirmation(Local, Remote, 100, 100))));
        _visitor.ExpectMsg<BridgeOpened>(Wait);
        var chunk = new byte[32 * 1024];

        // The window plus OpenSSH's 10 % grace, then one packet more.
        var packets = (int)((BridgedChannelActor.LocalWindow + (BridgedChannelActor.LocalWindow / 10)) / chunk.Length) + 1;
        for (var i = 0; i < packets; i++)
        {
            channel.Tell(new ChannelInbound(ChannelPayloads.Data(Local, chunk)));
        }

        var error = failures.ExpectMsg<SshProtocolException>(Wait);
        Assert.Equal(SshDisconnectReason.ProtocolError, error.Reason);
    }

    [Fact]
    public void PeerEofThenClose_SendsEofAndClose_ThenStopsOnTheClientsClose()
    {
        var channel = OpenChannel(window: 100, maximumPacket: 100);
        Watch(channel);

        channel.Tell(BridgeEof.Instance, _visitor.Ref);
        Assert.Equal(SshMessageNumber.ChannelEof, Outbound()[0]);
        channel.Tell(BridgeClose.Instance, _visitor.Ref);
        Assert.Equal(SshMessageNumber.ChannelClose, Outbound()[0]);
        ExpectNoMsg(TimeSpan.FromMilliseconds(100));

        channel.Tell(new ChannelInbound(ChannelPayloads.Encode(new ChannelClose(Local))));
        ExpectTerminated(channel, Wait);
        _connection.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void ClientClose_ClosesThePeer_AndAnswersClose()
    {
        var channel = OpenChannel(window: 100, maximumPacket: 100);
        Watch(channel);

        channel.Tell(new ChannelInbound(ChannelPayloads.Encode(new ChannelClose(Local))));

        _visitor.ExpectMsg<BridgeClose>(Wait);
        Assert.Equal(SshMessageNumber.ChannelClose, Outbound()[0]);
        ExpectTerminated(channel, Wait);
    }

    [Fact]
    public void PeerStops_ClosesTheChannel()
    {
        var visitor = CreateTestProbe();
        var channel = _connection.ChildActorOf(ForwardedTcpipChannelActor.Props(Local, Target(), visitor.Ref));
        Outbound();
        channel.Tell(new ChannelInbound(ChannelPayloads.Encode(new ChannelOpenConfirmation(Local, Remote, 100, 100))));
        visitor.ExpectMsg<BridgeOpened>(Wait);

        Sys.Stop(visitor.Ref);

        Assert.Equal(SshMessageNumber.ChannelEof, Outbound()[0]);
        Assert.Equal(SshMessageNumber.ChannelClose, Outbound()[0]);
    }

    private static ForwardedTcpip Target() => new("localhost", 80, "192.0.2.1", 50000);

    private IActorRef Channel() =>
        _connection.ChildActorOf(ForwardedTcpipChannelActor.Props(Local, Target(), _visitor.Ref));

    private IActorRef OpenChannel(uint window, uint maximumPacket)
    {
        var channel = Channel();
        Outbound();
        channel.Tell(new ChannelInbound(ChannelPayloads.Encode(new ChannelOpenConfirmation(Local, Remote, window, maximumPacket))));
        var opened = _visitor.ExpectMsg<BridgeOpened>(Wait);
        Assert.Equal(channel, opened.Peer);
        return channel;
    }

    private byte[] Outbound() => _connection.ExpectMsg<ChannelOutbound>(Wait).Payload;

    /// <summary>The next CHANNEL_DATA's length; the connection is to ack exactly that to the visitor once it is sent.</summary>
    private int DataWithAck()
    {
        var outbound = _connection.ExpectMsg<ChannelOutbound>(Wait);
        Assert.True(ChannelData.TryRead(outbound.Payload, out var recipient, out _, out var length));
        Assert.Equal(Remote, recipient);
        Assert.Equal(_visitor.Ref, outbound.AckTo);
        Assert.Equal(new BridgeAck(length), outbound.Ack);
        return length;
    }
}
