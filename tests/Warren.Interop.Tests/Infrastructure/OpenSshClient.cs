using System.Globalization;

namespace Warren.Interop.Tests.Infrastructure;

/// <summary>
/// Runs the real <c>/usr/bin/ssh</c> against 127.0.0.1:PORT in batch mode with one identity,
/// no user config (<c>-F /dev/null</c>), no known_hosts and <c>-vv</c>, so stderr shows the
/// negotiation. Options given by the test come first: ssh keeps the first value it sees.
/// </summary>
internal sealed class OpenSshClient : IDisposable
{
    private readonly TempDirectory? _ownedDirectory;

    private OpenSshClient(SshKeyPair identity, TempDirectory? ownedDirectory)
    {
        Identity = identity;
        _ownedDirectory = ownedDirectory;
    }

    public SshKeyPair Identity { get; }

    /// <summary>A client with a throwaway key pair of its own, deleted on dispose.</summary>
    public static async Task<OpenSshClient> CreateAsync(string keyType = "ed25519")
    {
        var directory = new TempDirectory("warren-ssh-client-");
        try
        {
            var identity = await SshKeygen.GenerateAsync(directory.Path, keyType, "id_" + keyType);
            return new OpenSshClient(identity, directory);
        }
        catch
        {
            directory.Dispose();
            throw;
        }
    }

    /// <summary>A client that uses an existing key pair (e.g. from <see cref="OpenSshServer.AuthorizeNewClientKeyAsync"/>).</summary>
    public static OpenSshClient WithIdentity(SshKeyPair identity) => new(identity, null);

    /// <summary>The ssh arguments <see cref="RunAsync"/> uses, for a test that starts ssh itself (e.g. a long-lived -R).</summary>
    public IReadOnlyList<string> Arguments(
        int port,
        IEnumerable<string>? options = null,
        IEnumerable<string>? extraArgs = null,
        string? command = "true",
        string? user = null,
        string host = "127.0.0.1")
    {
        var args = new List<string> { "-F", "/dev/null" };
        foreach (var option in options ?? [])
        {
            args.Add("-o");
            args.Add(option);
        }

        args.AddRange(
        [
            "-o", "BatchMode=yes",
            "-o", "StrictHostKeyChecking=no",
            "-o", "UserKnownHostsFile=/dev/null",
            "-o", "GlobalKnownHostsFile=/dev/null",
            "-o", "IdentitiesOnly=yes",
            "-o", "ConnectTimeout=10",
            "-o", "ServerAliveInterval=5",
            "-vv",
            "-i", Identity.PrivateKeyPath,
            "-p", port.ToString(CultureInfo.InvariantCulture),
            "-l", user ?? Environment.UserName,
        ]);
        args.AddRange(extraArgs ?? []);
        args.Add(host);
        if (command is not null)
        {
            args.Add(command);
        }

        return args;
    }

    /// <summary>
    /// Runs <c>ssh ... 127.0.0.1 COMMAND</c> and returns its exit code (255 for an SSH-level
    /// failure), stdout and the -vv stderr. Throws <see cref="TimeoutException"/> after
    /// <paramref name="timeout"/> (default 30 s), with stderr so far.
    /// </summary>
    public Task<ProcessResult> RunAsync(
        int port,
        IEnumerable<string>? options = null,
        IEnumerable<string>? extraArgs = null,
        string? command = "true",
        string? user = null,
        TimeSpan? timeout = null,
        string host = "127.0.0.1")
    {
        SshTools.RequireClient();
        return ProcessRunner.RunAsync(
            SshTools.Ssh,
            Arguments(port, options, extraArgs, command, user, host),
            timeout ?? SshTools.CommandTimeout);
    }

    /// <summary>
    /// Starts ssh and leaves it running, for forwardings (<c>extraArgs: ["-N", "-L", "..."]</c>,
    /// <c>command: null</c>). Wait for the forwarding with <see cref="WaitFor"/>; dispose to stop it.
    /// </summary>
    public BackgroundProcess StartBackground(
        int port,
        IEnumerable<string>? options = null,
        IEnumerable<string>? extraArgs = null,
        string? command = null,
        string? user = null,
        string host = "127.0.0.1",
        bool keepInputOpen = false)
    {
        SshTools.RequireClient();
        return BackgroundProcess.Start(SshTools.Ssh, Arguments(port, options, extraArgs, command, user, host), keepInputOpen: keepInputOpen);
    }

    public void Dispose() => _ownedDirectory?.Dispose();
}
