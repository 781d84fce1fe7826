using Akka.Actor;
using Microsoft.Extensions.Logging;

namespace Warren.Server.Discovery;

/// <summary>
/// Forms or joins the cluster from the pods the Kubernetes API lists, in place of
/// Akka.Management's cluster bootstrap (whose HTTP endpoint does not run on the packages we
/// can ship).
/// <code>
///   Polling --(enough pods, stable for the margin)--> JoinSeedNodes, stop
///      ^  |
///      +--+ (look-up failed or not enough yet: ask again after poll-interval)
/// </code>
/// The seed nodes are every pod found, lowest address first, so every pod passes the same list
/// and Akka's own seed-node rules do the rest: the lowest pod (the first seed) joins a cluster
/// that another seed already runs, and forms it when none answers; the others join whichever
/// seed answers first. A pod restarting into a running cluster joins it the same way.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "Actors release what they own in PostStop, which Akka calls exactly once.")]
internal sealed partial class KubernetesBootstrapActor : ReceiveActor, IWithTimers
{
    private readonly KubernetesDiscoverySettings _settings;
    private readonly KubernetesPodLister _lister;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly ContactPointWatch _watch;
    private readonly CancellationTokenSource _stopping = new();
    private string? _lastFailure;

    public KubernetesBootstrapActor(KubernetesDiscoverySettings settings, ILogger logger, TimeProvider time)
    {
        _settings = settings;
        _lister = new KubernetesPodLister(settings);
        _logger = logger;
        _time = time;
        _watch = new ContactPointWatch(settings.RequiredContactPoints, settings.StableMargin);
        Polling();
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(KubernetesDiscoverySettings settings, ILogger logger, TimeProvider time) =>
        Akka.Actor.Props.Create(() => new KubernetesBootstrapActor(settings, logger, time));

    protected override void PreStart()
    {
        LogLooking(_logger, _settings.PodsUrl, _settings.RequiredContactPoints);
        Self.Tell(Poll.Instance);
    }

    protected override void PostStop()
    {
        _stopping.Cancel();
        _stopping.Dispose();
        _lister.Dispose();
    }

    private void Polling()
    {
        Receive<Poll>(_ => _lister.ListAsync(_stopping.Token).PipeTo(Self));
        Receive<PodListing>(OnListing);
    }

    private void OnListing(PodListing listing)
    {
        if (listing.Failure is { } failure)
        {
            // Once per new reason: a missing Role would otherwise fill the log every poll.
            if (failure != _lastFailure)
            {
                LogLookupFailed(_logger, _settings.PollInterval.TotalSeconds, failure);
            }

            _lastFailure = failure;
            PollLater();
            return;
        }

        _lastFailure = null;

        var ready = _watch.Observe(listing.Pods, _time.GetUtcNow());
        if (_watch.Changed && _logger.IsEnabled(LogLevel.Information))
        {
            var pods = Listed(listing.Pods);
            LogFound(_logger, listing.Pods.Count, _settings.RequiredContactPoints, pods);
        }

        if (!ready)
        {
            PollLater();
            return;
        }

        var cluster = Akka.Cluster.Cluster.Get(Context.System);
        var self = cluster.SelfAddress;
        var seeds = new List<Address>(listing.Pods.Count);
        foreach (var pod in listing.Pods)
        {
            seeds.Add(new Address(self.Protocol, self.System, pod.Address.ToString(), pod.Port));
        }

        if (!seeds.Contains(self))
        {
            // Akka compares addresses exactly: a node that advertises a DNS name, or a port other
            // than its named container port, is never the first seed and cannot form the cluster.
            LogSelfMissing(_logger, self, _settings.PortName);
        }

        if (_logger.IsEnabled(LogLevel.Information))
        {
            var listed = Listed(seeds);
            LogJoining(_logger, listed);
        }

        cluster.JoinSeedNodes(seeds);
        Context.Stop(Self);
    }

    private void PollLater() => Timers.StartSingleTimer(Poll.Instance, Poll.Instance, _settings.PollInterval);

    private static string Listed<T>(IReadOnlyList<T> items) => items.Count == 0 ? "none" : string.Join(", ", items);

    /// <summary>Time to ask the Kubernetes API again.</summary>
    private sealed record Poll
    {
        public static readonly Poll Instance = new();
    }

    [LoggerMessage(EventId = 2200, Level = LogLevel.Information, Message = "Kubernetes discovery: looking for pods at {Url}; forming needs {Required}")]
    private static partial void LogLooking(ILogger logger, Uri url, int required);

    [LoggerMessage(EventId = 2201, Level = LogLevel.Warning, Message = "Kubernetes discovery: pod look-up failed, retrying every {Seconds}s (logged again when the reason changes): {Reason}")]
    private static partial void LogLookupFailed(ILogger logger, double seconds, string reason);

    [LoggerMessage(EventId = 2202, Level = LogLevel.Information, Message = "Kubernetes discovery: {Count} pod(s) found, {Required} required: {Pods}")]
    private static partial void LogFound(ILogger logger, int count, int required, string pods);

    [LoggerMessage(EventId = 2203, Level = LogLevel.Warning, Message = "Kubernetes discovery: this node {Self} is not among the pods found; it advertises another address than its pod IP and the \"{PortName}\" container port (use --cluster-listen $(POD_IP):PORT)")]
    private static partial void LogSelfMissing(ILogger logger, Address self, string portName);

    [LoggerMessage(EventId = 2204, Level = LogLevel.Information, Message = "Kubernetes discovery: joining the seed nodes {Seeds}")]
    private static partial void LogJoining(ILogger logger, string seeds);
}
