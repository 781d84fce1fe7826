using System.Text;
using Akka.Actor;
using Akka.TestKit;
using Akka.TestKit.Xunit2;
using Warren.Relay.Channels;
using Warren.Relay.Sessions;
using Warren.Relay.Tests.Sessions;
using Warren.Ssh;
using Warren.Ssh.Connection;

namespace Warren.Relay.Tests.Channels;

/// <summary>
/// Session event lines (a refused forward, for one) reach an open shell and nothing else; a
/// session channel stopped by a fault still closes.
/// </summary>
public sealed class SessionChannelEventTests : TestKit
{
    private const uint Local = 0;
    private const uint Remote = 4;
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);

    private readonly TestProbe _connection;

    public SessionChannelEventTests()
    {
        _connection = CreateTestProbe();
    }

    [Fact]
    public void OpenShell_EventLine_IsWrittenToTheClient()
    {
        var channel = StartedShell();

        channel.Tell(new SessionEventLine("[22:30:00Z] refused -R b:80: limit reached\n"));

        Assert.Contains("refused -R b:80: limit reached", NextText(), StringComparison.Ordinal);
    }

    [Fact]
    public void ChannelWithoutShell_EventLine_IsIgnored()
    {
        var channel = Channel();

        channel.Tell(new SessionEventLine("[22:30:00Z] refused -R b:80: limit reached\n"));

        _connection.ExpectNoMsg(TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public void Shell_FaultInTheChannel_StopsItWithClose()
    {
        var failures = CreateTestProbe();
        var channel = _connection.ChildActorOf(SessionChannelActor.Props(Context()), ChannelSupervision.Strategy(failures.Ref));
        Watch(channel);

        // An empty payload stands for a bug: reading its message number throws.
        channel.Tell(new ChannelInbound([]));

        Assert.True(ChannelClose.TryRead(_connection.ExpectMsg<ChannelOutbound>(Wait).Payload, out var close));
        Assert.Equal(Remote, close.RecipientChannel);
        ExpectTerminated(channel, Wait);
        failures.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    private static SessionChannelContext Context() =>
        new(Local, Remote, 1 << 20, 32 * 1024, SessionFixtures.Session, SessionFixtures.Endpoints);

    private IActorRef Channel() => _connection.ChildActorOf(SessionChannelActor.Props(Context()));

    private IActorRef StartedShell()
    {
        var channel = Channel();
        var request = new ChannelRequest(Local, ChannelRequestTypes.Shell, WantReply: false);
        var payload = new byte[request.GetSize(0)];
        request.WriteTo(payload, []);
        channel.Tell(new ChannelInbound(payload));
        _connection.ExpectMsg<SessionSnapshotRequest>(Wait);
        channel.Tell(new SessionSnapshot(SessionFixtures.Session, []));
        NextText();
        return channel;
    }

    private string NextText()
    {
        var payload = _connection.FishForMessage<ChannelOutbound>(m => m.Payload[0] == SshMessageNumber.ChannelData, Wait).Payload;
        Assert.True(ChannelData.TryRead(payload, out _, out var offset, out var length));
        return Encoding.UTF8.GetString(payload, offset, length);
    }
}
