using Warren.Interop.Tests.Forwarding;
using Warren.Interop.Tests.Infrastructure;
using Warren.Interop.Tests.Session;

namespace Warren.Interop.Tests.Clients;

/// <summary>
/// Clients other than OpenSSH publish a tunnel, reach it again and run a command: Dropbear's
/// dbclient, PuTTY's plink, and the Python libraries paramiko and AsyncSSH. Each uses the same
/// key as an OpenSSH client (one account), converted to its own format, and the OpenSSH client
/// checks the tunnel from outside with <c>ssh -W</c>.
/// </summary>
public sealed class OtherClientTests(AnonymousWarrenFixture server) : IClassFixture<AnonymousWarrenFixture>
{
    private const string Greeting = "hello from the service";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Dropbear_RemoteForwardAndExec_TunnelReachedByOpenSsh()
    {
        using var scene = await Scene.CreateAsync(server);
        var key = scene.Directory.Combine("dropbear_key");
        await RunAsync("/usr/bin/dropbearconvert", ["openssh", "dropbear", scene.Client.Identity.PrivateKeyPath, key]);
        string[] login = ["-y", "-i", key, "-p", Port];

        using var publisher = BackgroundProcess.Start("/usr/bin/dbclient", [.. login, "-N", "-R", $"{scene.Name}:7000:127.0.0.1:{scene.ServicePort}", "root@127.0.0.1"]);
        await scene.WaitUntilReachedAsync(publisher);
        var status = await RunAsync("/usr/bin/dbclient", [.. login, "root@127.0.0.1", "status"]);

        Assert.StartsWith("account", status.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Putty_RemoteForwardAndExec_TunnelListedAndReachedByOpenSsh()
    {
        using var scene = await Scene.CreateAsync(server);
        var key = scene.Directory.Combine("key.ppk");
        await RunAsync("/usr/bin/puttygen", [scene.Client.Identity.PrivateKeyPath, "-O", "private", "-o", key]);
        List<string> login = ["-batch", "-i", key, "-P", Port];
        foreach (var fingerprint in await HostKeyFingerprintsAsync())
        {
            // plink -batch refuses a host key it has not been told about.
            login.AddRange(["-hostkey", fingerprint]);
        }

        using var publisher = BackgroundProcess.Start("/usr/bin/plink", [.. login, "-N", "-R", $"{scene.Name}:7000:127.0.0.1:{scene.ServicePort}", "root@127.0.0.1"]);
        await scene.WaitUntilReachedAsync(publisher);
        var tunnels = await RunAsync("/usr/bin/plink", [.. login, "root@127.0.0.1", "tunnels"]);

        Assert.Contains(scene.Name, tunnels.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("paramiko")]
    [InlineData("asyncssh")]
    public async Task PythonLibrary_ForwardReachExec_EveryStepAnswered(string library)
    {
        using var scene = await Scene.CreateAsync(server);
        var script = Path.Combine(AppContext.BaseDirectory, "Clients", "other_client.py");

        var result = await RunAsync("/usr/bin/python3", [script, library, "127.0.0.1", Port, scene.Client.Identity.PrivateKeyPath, scene.Name, scene.ServicePort.ToString(System.Globalization.CultureInfo.InvariantCulture)]);

        var lines = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.True(lines is ["bound", "reached " + Greeting, "exec account"], result.ToString());
    }

    private string Port => server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static async Task<ProcessResult> RunAsync(string program, IReadOnlyList<string> arguments)
    {
        if (!File.Exists(program))
        {
            throw new InvalidOperationException($"{program} is missing: install dropbear-bin putty-tools python3-paramiko python3-asyncssh (.ci/run does).");
        }

        var result = await ProcessRunner.RunAsync(program, arguments, Timeout);
        return result.ExitCode == 0 ? result : throw new InvalidOperationException($"{program} failed: {result}");
    }

    /// <summary>The relay's host keys as plink's -hostkey takes them (SHA256:...), from its data directory.</summary>
    private async Task<List<string>> HostKeyFingerprintsAsync()
    {
        var fingerprints = new List<string>();
        foreach (var file in Directory.GetFiles(server.DataDir, "ssh_host_*_key.pub"))
        {
            var listed = await RunAsync(SshTools.SshKeygen, ["-l", "-E", "sha256", "-f", file]);
            fingerprints.Add(listed.Stdout.Split(' ')[1]);
        }

        return fingerprints;
    }

    /// <summary>One test's service, tunnel name, OpenSSH client (whose key the other client shares) and scratch directory.</summary>
    private sealed class Scene : IDisposable
    {
        private readonly TcpEchoServer _service = new(Greeting + "\n");
        private readonly int _relayPort;

        private Scene(OpenSshClient client, int relayPort)
        {
            Client = client;
            _relayPort = relayPort;
        }

        public OpenSshClient Client { get; }

        public TempDirectory Directory { get; } = new("warren-other-client-");

        public string Name { get; } = "oc" + Guid.NewGuid().ToString("N")[..10];

        public int ServicePort => _service.Port;

        public static async Task<Scene> CreateAsync(WarrenFixture server) => new(await OpenSshClient.CreateAsync(), server.Port);

        /// <summary>Waits until OpenSSH (same key, so same account) reads the service's greeting through the tunnel.</summary>
        public async Task WaitUntilReachedAsync(BackgroundProcess publisher)
        {
            await WaitFor.ConditionAsync(
                async _ =>
                {
                    Assert.False(publisher.HasExited, $"the client exited:\n{publisher.Output}");
                    var visit = await Client.RunAsync(_relayPort, extraArgs: ["-W", $"{Name}:7000"], command: null, timeout: Timeout);
                    return visit.Stdout.Contains(Greeting, StringComparison.Ordinal);
                },
                Timeout,
                $"tunnel {Name} to answer through the relay");
        }

        public void Dispose()
        {
            _service.Dispose();
            Directory.Dispose();
            Client.Dispose();
        }
    }
}
