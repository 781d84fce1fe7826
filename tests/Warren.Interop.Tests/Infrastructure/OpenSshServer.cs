using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Warren.Interop.Tests.Infrastructure;

/// <summary>
/// A real OpenSSH server, <c>/usr/sbin/sshd -D -e -f CONFIG</c>, on a free 127.0.0.1 port, with
/// host keys, authorized_keys and config in a temp directory. Public-key login only, for the
/// user running the tests. Extra config lines from the test go first, because sshd keeps
/// the first value of a keyword (so they override the defaults here). Disposing kills sshd
/// and deletes the directory.
/// </summary>
internal sealed class OpenSshServer : IDisposable
{
    private static readonly string[] DefaultHostKeyTypes = ["ed25519", "ecdsa", "rsa"];
    private static readonly TimeSpan DefaultStartTimeout = TimeSpan.FromSeconds(30);

    private readonly TempDirectory _directory;
    private readonly Lock _authorizedKeysGate = new();
    private Process? _process;
    private int _clientKeys;

    private OpenSshServer(TempDirectory directory, IReadOnlyDictionary<string, string> hostKeyFiles)
    {
        _directory = directory;
        HostKeyFiles = hostKeyFiles;
        AuthorizedKeysFile = directory.Combine("authorized_keys");
        ConfigFile = directory.Combine("sshd_config");
        File.WriteAllText(AuthorizedKeysFile, string.Empty);
    }

    public int Port { get; private set; }

    public string Directory => _directory.Path;

    /// <summary>Private host key path per type (ed25519, ecdsa, rsa); the public key is PATH.pub.</summary>
    public IReadOnlyDictionary<string, string> HostKeyFiles { get; }

    public string AuthorizedKeysFile { get; }

    public string ConfigFile { get; }

    /// <summary>sshd's stderr (-e): the log, at LogLevel VERBOSE unless the test set another.</summary>
    public OutputBuffer Log { get; } = new();

    /// <summary>The user that may log in: the one running the tests.</summary>
    public static string User => Environment.UserName;

    /// <summary>
    /// Starts sshd and waits (at most <paramref name="startTimeout"/>, default 30 s) until its
    /// port accepts connections. <paramref name="extraConfigLines"/> are sshd_config lines
    /// such as "KexAlgorithms curve25519-sha256" or "RekeyLimit 1K".
    /// </summary>
    public static async Task<OpenSshServer> StartAsync(
        IEnumerable<string>? extraConfigLines = null,
        IEnumerable<string>? hostKeyTypes = null,
        TimeSpan? startTimeout = null)
    {
        SshTools.RequireServer();
        SshTools.RequireClient();
        EnsurePrivilegeSeparationDirectory();
        var directory = new TempDirectory("warren-sshd-");
        try
        {
            var keys = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var type in hostKeyTypes ?? DefaultHostKeyTypes)
            {
                keys[type] = (await SshKeygen.GenerateAsync(directory.Path, type, "ssh_host_" + type + "_key")).PrivateKeyPath;
            }

            var server = new OpenSshServer(directory, keys);
            await server.StartProcessAsync(extraConfigLines?.ToList() ?? [], startTimeout ?? DefaultStartTimeout);
            return server;
        }
        catch
        {
            directory.Dispose();
            throw;
        }
    }

    /// <summary>Appends one public key line to authorized_keys.</summary>
    public void AddAuthorizedKey(string publicKeyLine)
    {
        lock (_authorizedKeysGate)
        {
            File.AppendAllText(AuthorizedKeysFile, publicKeyLine.Trim() + "\n");
        }
    }

    /// <summary>Makes a client key pair in this server's directory and authorizes it.</summary>
    public async Task<SshKeyPair> AuthorizeNewClientKeyAsync(string type = "ed25519")
    {
        var name = $"client_{Interlocked.Increment(ref _clientKeys).ToString(CultureInfo.InvariantCulture)}_{type}";
        var key = await SshKeygen.GenerateAsync(Directory, type, name);
        AddAuthorizedKey(key.PublicKey);
        return key;
    }

    /// <summary>The public host key line of one type, as in the .pub file.</summary>
    public string HostPublicKey(string type) => File.ReadAllText(HostKeyFiles[type] + ".pub").Trim();

    public void Dispose()
    {
        if (_process is not null)
        {
            ProcessRunner.Kill(_process);
            _process.Dispose();
        }

        _directory.Dispose();
    }

    // sshd started as root checks for its privilege separation directory and exits without it.
    private static void EnsurePrivilegeSeparationDirectory()
    {
        const string Path = "/run/sshd";
        if (System.IO.Directory.Exists(Path) || Environment.UserName != "root")
        {
            return;
        }

        try
        {
            System.IO.Directory.CreateDirectory(Path);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new InvalidOperationException($"sshd needs {Path}; create it with 'mkdir -p {Path}' (as .ci/run does).", e);
        }
    }

    private async Task StartProcessAsync(List<string> extraConfigLines, TimeSpan startTimeout)
    {
        // The free port can be taken between choosing it and sshd binding it; try a few.
        for (var attempt = 1; ; attempt++)
        {
            Port = FreePort.Get();
            await File.WriteAllTextAsync(ConfigFile, Config(extraConfigLines));
            _process = ProcessRunner.Start(SshTools.Sshd, ["-D", "-e", "-f", ConfigFile], Log, Log);
            var process = _process;
            // sshd's own word (LogLevel VERBOSE is always set), not an open port, which another
            // process may have taken between FreePort.Get and sshd's bind.
            var listening = $"Server listening on 127.0.0.1 port {Port}.";
            await WaitFor.ConditionAsync(
                () => process.HasExited || Log.Contains(listening),
                startTimeout,
                $"sshd to listen on 127.0.0.1:{Port}. Log:\n{Log}");
            if (!process.HasExited)
            {
                return;
            }

            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
            var log = Log.ToString();
            process.Dispose();
            _process = null;
            if (attempt >= 3 || !log.Contains("Address already in use", StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"sshd exited with code {process.ExitCode} before listening on port {Port}. Log:\n{log}");
            }
        }
    }

    private string Config(List<string> extraConfigLines)
    {
        var text = new StringBuilder();
        text.AppendLine("# Written by the Warren interop tests; the test's own lines first (sshd keeps the first value).");
        foreach (var line in extraConfigLines)
        {
            text.AppendLine(line);
        }

        text.AppendLine("ListenAddress 127.0.0.1");
        text.Append("Port ").AppendLine(Port.ToString(CultureInfo.InvariantCulture));
        foreach (var key in HostKeyFiles.Values)
        {
            text.Append("HostKey ").AppendLine(key);
        }

        text.AppendLine("PidFile none");
        text.AppendLine("UsePAM no");
        text.AppendLine("StrictModes no");
        text.Append("AuthorizedKeysFile ").AppendLine(AuthorizedKeysFile);
        text.AppendLine("PubkeyAuthentication yes");
        text.AppendLine("PasswordAuthentication no");
        text.AppendLine("KbdInteractiveAuthentication no");
        text.AppendLine("PermitRootLogin prohibit-password");
        text.AppendLine("AllowTcpForwarding yes");
        text.AppendLine("LogLevel VERBOSE");
        return text.ToString();
    }
}
