using System.Net;
using Akka.Actor;
using Akka.Configuration;
using Akka.Event;
using Microsoft.Extensions.Logging;
using Warren.Server.Configuration;
using Warren.Server.Observability;

namespace Warren.Server.Tests.Observability;

/// <summary>
/// The metrics server of one node in process, with a real actor system: /healthz, /readyz while
/// running and while draining, and Akka's log arriving in Microsoft.Extensions.Logging.
/// </summary>
public sealed class NodeObservabilityTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Readyz_CoordinatedShutdownStarted_Answers503WhileHealthzStaysOk()
    {
        await using var observability = NodeObservability.Create(new ServeOptions { MetricsListen = "127.0.0.1:0" });
        using var system = ActorSystem.Create("readyz-test", observability.ActorSystemSetup(ConfigurationFactory.Empty));
        using var http = new HttpClient { Timeout = Timeout };
        await observability.StartAsync(system, TextWriter.Null, CancellationToken.None).WaitAsync(Timeout);
        var address = observability.MetricsAddress!;

        var ready = await http.GetAsync(new Uri(address + "/readyz"));
        await CoordinatedShutdown.Get(system).Run(CoordinatedShutdown.ClrExitReason.Instance).WaitAsync(Timeout);
        var draining = await http.GetAsync(new Uri(address + "/readyz"));
        var healthz = await http.GetAsync(new Uri(address + "/healthz"));

        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, draining.StatusCode);
        Assert.Contains("draining", await draining.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, healthz.StatusCode);
    }

    [Fact]
    public void Readiness_NotListeningAndCustomCheck_ListsEveryProblem()
    {
        var readiness = new NodeReadiness();
        readiness.AddCheck(() => "cluster member not Up");

        Assert.Equal(["SSH listener not bound yet", "cluster member not Up"], readiness.Problems());
        readiness.MarkListening();
        Assert.Equal(["cluster member not Up"], readiness.Problems());
    }

    [Fact]
    public async Task AkkaLogBridge_ActorWarning_ReachesTheLoggerFactory()
    {
        var captured = new CapturingLoggerProvider();
        using var loggers = LoggerFactory.Create(builder => builder.AddProvider(captured));
        var setup = BootstrapSetupFor(loggers);
        using var system = ActorSystem.Create("bridge-test", setup);

        system.Log.Warning("bridged {0}", "hello");

        await WaitUntilAsync(() => captured.Messages.Any(m => m.Contains("bridged hello", StringComparison.Ordinal)));
        await system.Terminate().WaitAsync(Timeout);
    }

    private static Akka.Actor.Setup.ActorSystemSetup BootstrapSetupFor(ILoggerFactory loggers)
    {
        var config = ConfigurationFactory.ParseString($"akka.loggers = [\"{AkkaLogBridge.TypeName}\"]\nakka.loglevel = INFO");
        return BootstrapSetup.Create().WithConfig(config).And(new AkkaLoggerSetup(loggers));
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(Timeout);
        while (!condition())
        {
            await Task.Delay(20, timeout.Token);
        }
    }

    private sealed class CapturingLoggerProvider : ILoggerProvider
    {
        private readonly System.Collections.Concurrent.ConcurrentQueue<string> _messages = new();

        public IEnumerable<string> Messages => _messages;

        public ILogger CreateLogger(string categoryName) => new Capturing(_messages);

        public void Dispose()
        {
        }

        private sealed class Capturing(System.Collections.Concurrent.ConcurrentQueue<string> messages) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(Microsoft.Extensions.Logging.LogLevel logLevel) => true;

            public void Log<TState>(Microsoft.Extensions.Logging.LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                messages.Enqueue(formatter(state, exception));
        }
    }
}
