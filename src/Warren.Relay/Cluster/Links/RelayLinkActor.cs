using System.Net.Security;
using System.Net.Sockets;
using Akka.Actor;
using Microsoft.Extensions.Logging;
using Warren.Relay.Channels;
using Warren.Relay.Forwarding;

namespace Warren.Relay.Cluster.Links;

/// <summary>
/// One relay link: a TCP connection to another node that carries many bridged streams, each a
/// child <see cref="LinkStreamActor"/>. A node dials one link to each node whose tunnels its
/// visitors reach, and accepts the links other nodes dial to it; the dialer numbers the streams.
/// <code>
///   Connecting (dial or accept, TLS if configured, handshake) --up--> Up --reader or writer ends--> stopped
///        +-- refused, timeout, TLS refused, wrong secret --> stopped (waiting opens are refused)
/// </code>
/// When the link stops, its streams stop with it and both bridged channels get CLOSE; the next
/// stream to that node dials a new link.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "Actors release what they own in PostStop, which Akka calls exactly once.")]
internal sealed partial class RelayLinkActor : ReceiveActor
{
    private readonly RelayLinkSettings _settings;
    private readonly ILogger _logger;
    private readonly string _peer;
    private readonly LinkWriter _writer = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly Dictionary<uint, IActorRef> _streams = [];
    private readonly List<OpenLinkedBridge> _waiting = [];
    private readonly Address? _farNode;
    private TcpClient? _client;
    private Stream? _stream;
    private string _linkId = string.Empty;
    private uint _nextStreamId = 1;

    public RelayLinkActor(RelayLinkSettings settings, string peer, Address? farNode)
    {
        _settings = settings;
        _logger = settings.Logger;
        _peer = peer;
        _farNode = farNode;
        Connecting();
    }

    /// <summary>A link this node dials to <paramref name="endPoint"/> (HOST:PORT), the relay endpoint of <paramref name="node"/>.</summary>
    public static Props Dial(RelayLinkSettings settings, Address node, string endPoint) =>
        Props.Create(() => new RelayLinkActor(settings, endPoint, node));

    /// <summary>A link another node dialed; <paramref name="socket"/>'s ownership passes here.</summary>
    public static Props Accept(RelayLinkSettings settings, Socket socket) =>
        Props.Create(() => new RelayLinkActor(settings, socket));

    public RelayLinkActor(RelayLinkSettings settings, Socket socket)
        : this(settings, socket.RemoteEndPoint?.ToString() ?? "?", null)
    {
        _client = new TcpClient { Client = socket, NoDelay = true };
    }

    private bool Dialer => _farNode is not null;

    /// <inheritdoc />
    protected override void PreStart()
    {
        ConnectAsync().PipeTo(Self, failure: error => new Connected(LinkHandshakeResult.Failed(error.GetBaseException().Message), null, "plain"));
    }

    /// <inheritdoc />
    protected override void PostStop()
    {
        foreach (var open in _waiting)
        {
            open.Open.Peer.Tell(new BridgeOpenFailed(ChannelOpenFailureCode.ConnectFailed, $"no relay link to the tunnel's node at {_peer}; try again"));
        }

        _writer.Complete();
        _stopping.Cancel();
        _stopping.Dispose();
        _stream?.Dispose();
        _client?.Dispose();
        Metrics.RelayMetrics.LinkClosed(wasUp: _linkId.Length > 0);
    }

    private async Task<Connected> ConnectAsync()
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
        timeout.CancelAfter(_settings.ConnectTimeout);
        if (Dialer)
        {
            _client = new TcpClient { NoDelay = true };
            await RelayLinks.ConnectAsync(_client, _peer, timeout.Token).ConfigureAwait(false);
        }

        Stream stream = _client!.GetStream();
        var security = "plain";
        if (_settings.Tls is { } tls)
        {
            var (secured, problem) = await tls.AuthenticateAsync(stream, Dialer, timeout.Token).ConfigureAwait(false);
            if (secured is null)
            {
                return new Connected(LinkHandshakeResult.Failed(problem ?? "TLS handshake failed"), null, security);
            }

            stream = secured;
            security = $"tls={secured.SslProtocol} cipher={secured.NegotiatedCipherSuite}";
        }

        try
        {
            var result = Dialer
                ? await LinkHandshakeExchange.DialAsync(stream, _settings.Secret, timeout.Token).ConfigureAwait(false)
                : await LinkHandshakeExchange.AcceptAsync(stream, _settings.Secret, timeout.Token).ConfigureAwait(false);
            return new Connected(result, stream, security);
        }
        catch
        {
            // The TLS stream is not the socket's; the socket closes with the actor.
            if (stream is SslStream secured)
            {
                await secured.DisposeAsync().ConfigureAwait(false);
            }

            throw;
        }
    }

    private void Connecting()
    {
        Receive<Connected>(connected =>
        {
            if (connected.Result.LinkId is not { } linkId || connected.Stream is null)
            {
                LogLinkRefused(_peer, connected.Result.Problem ?? "unknown");
                connected.Stream?.Dispose();
                Context.Stop(Self);
                return;
            }

            _linkId = linkId;
            _stream = connected.Stream;
            if (connected.Result.ListenerProof is { } proof)
            {
                // Registered before the dialer can see the link up, so its first stream finds it.
                Context.Parent.Tell(new LinkRegistered(linkId));
                _writer.Enqueue(OutboundFrame.Handshake(RelayFrameType.Accept, proof));
            }

            StartIo();
            if (Dialer)
            {
                Context.Parent.Tell(new LinkDialedUp(_farNode!));
            }

            LogLinkUp(_linkId, _peer, Dialer ? "dialed" : "accepted", connected.Security);
            Metrics.RelayMetrics.LinkOpened();
            Become(Up);
            foreach (var open in _waiting)
            {
                OpenNear(open);
            }

            _waiting.Clear();
        });
        Receive<OpenLinkedBridge>(_waiting.Add);
        Receive<OpenFarEnd>(open => open.Near.Tell(new BridgeOpenFailed(ChannelOpenFailureCode.ConnectFailed, "the relay link is not up yet; try again")));
    }

    private void Up()
    {
        Receive<OpenLinkedBridge>(OpenNear);
        Receive<OpenFarEnd>(OpenFar);
        Receive<LinkFrameIn>(frame =>
        {
            // A frame for a stream that has ended (data in flight when it closed) is dropped.
            if (_streams.TryGetValue(frame.StreamId, out var stream))
            {
                stream.Tell(frame);
            }
        });
        Receive<Terminated>(terminated =>
        {
            foreach (var (id, stream) in _streams)
            {
                if (stream.Equals(terminated.ActorRef))
                {
                    _streams.Remove(id);
                    break;
                }
            }
        });
        Receive<IoEnded>(ended =>
        {
            LogLinkDown(_linkId, _peer, _streams.Count, ended.Reason);
            Context.Stop(Self);
        });
    }

    private void StartIo()
    {
        var self = Self;
        var token = _stopping.Token;
        _ = _writer.RunAsync(_stream!, token).ContinueWith(
            task => self.Tell(new IoEnded(task.Exception?.GetBaseException().Message ?? "the writer stopped")),
            CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        _ = LinkReader.RunAsync(_stream!, self, token).ContinueWith(
            task => self.Tell(new IoEnded(task.IsCompletedSuccessfully ? task.Result ?? "the other node closed the link" : task.Exception?.GetBaseException().Message ?? "canceled")),
            CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    private void OpenNear(OpenLinkedBridge open)
    {
        var id = _nextStreamId++;
        var farLinks = Context.ActorSelection(new RootActorPath(_farNode!) / "user" / "node" / RelayLinks.ActorName);
        AddStream(id, Context.ActorOf(LinkStreamActor.Near(id, _writer, _linkId, farLinks, open.Session, open.Open), "s" + id));
    }

    private void OpenFar(OpenFarEnd open)
    {
        if (_streams.ContainsKey(open.StreamId))
        {
            open.Near.Tell(new BridgeOpenFailed(ChannelOpenFailureCode.ConnectFailed, $"relay link stream {open.StreamId} is in use"));
            return;
        }

        AddStream(open.StreamId, Context.ActorOf(LinkStreamActor.Far(_writer, open), "s" + open.StreamId));
    }

    private void AddStream(uint id, IActorRef stream)
    {
        _streams[id] = stream;
        Context.Watch(stream);
    }

    /// <inheritdoc />
    protected override SupervisorStrategy SupervisorStrategy() => new OneForOneStrategy(_ => Directive.Stop);

    [LoggerMessage(EventId = 6001, Level = LogLevel.Information, Message = "relay link up link={LinkId} peer={Peer} ({Direction}, {Security})")]
    private partial void LogLinkUp(string linkId, string peer, string direction, string security);

    [LoggerMessage(EventId = 6002, Level = LogLevel.Warning, Message = "relay link down link={LinkId} peer={Peer} streams={Streams} reason={Reason}")]
    private partial void LogLinkDown(string linkId, string peer, int streams, string reason);

    [LoggerMessage(EventId = 6003, Level = LogLevel.Warning, Message = "relay link refused peer={Peer} reason={Reason}")]
    private partial void LogLinkRefused(string peer, string reason);

    /// <summary>The handshake's outcome; <paramref name="Stream"/> (the socket's, or TLS over it) is set when the link is up.</summary>
    private sealed record Connected(LinkHandshakeResult Result, Stream? Stream, string Security);

    private sealed record IoEnded(string Reason);
}
