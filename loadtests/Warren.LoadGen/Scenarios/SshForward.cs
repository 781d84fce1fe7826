using System.Globalization;
using System.Text.RegularExpressions;
using Warren.LoadGen.Infrastructure;
using Warren.LoadGen.Servers;

namespace Warren.LoadGen.Scenarios;

/// <summary>
/// The real OpenSSH client holding one forward to the service: <c>-L</c> (a local port on this
/// machine) or <c>-R 0</c> (a port the server allocates and ssh prints). <see cref="Port"/> is
/// where a visitor connects either way.
/// </summary>
internal sealed partial class SshForward : IDisposable
{
    private readonly ChildProcess _ssh;

    private SshForward(ChildProcess ssh, int port)
    {
        _ssh = ssh;
        Port = port;
    }

    public int Port { get; }

    /// <summary>What ssh printed: its reasons when a forward fails.</summary>
    public string Output => _ssh.Output;

    public static Task<SshForward> OpenAsync(IServerUnderTest server, string identityFile, string cipher, ForwardMode mode, int servicePort) =>
        OpenAsync(server, identityFile, cipher, mode, "127.0.0.1:" + servicePort.ToString(CultureInfo.InvariantCulture));

    /// <summary>A forward to <paramref name="target"/> (HOST:PORT; with Warren, a tunnel NAME:PORT for -L).</summary>
    public static async Task<SshForward> OpenAsync(IServerUnderTest server, string identityFile, string cipher, ForwardMode mode, string target)
    {
        var localPort = FreeTcpPort.Get();
        var ssh = Start(server, identityFile, cipher,
            mode == ForwardMode.Local ? "-L" : "-R",
            mode == ForwardMode.Local ? $"127.0.0.1:{localPort.ToString(CultureInfo.InvariantCulture)}:{target}" : "0:" + target);
        try
        {
            if (mode == ForwardMode.Local)
            {
                await FreeTcpPort.WaitOpenAsync(localPort, TimeSpan.FromSeconds(30), () => ssh.HasExited, "ssh -L").ConfigureAwait(false);
                return new SshForward(ssh, localPort);
            }

            var line = await ssh.WaitForLineAsync(l => AllocatedPort().IsMatch(l), TimeSpan.FromSeconds(30), "'Allocated port N' line").ConfigureAwait(false);
            var port = int.Parse(AllocatedPort().Match(line).Groups[1].Value, CultureInfo.InvariantCulture);
            return new SshForward(ssh, port);
        }
        catch
        {
            Console.Error.WriteLine(ssh.Output);
            ssh.Dispose();
            throw;
        }
    }

    /// <summary>
    /// <c>ssh -R NAME:PORT:127.0.0.1:SERVICE</c>: publishes a named tunnel on Warren (port 80 is an
    /// HTTP tunnel at the edge, others a TCP alias). Returns once ssh runs; the caller checks that
    /// the name answers, since ssh prints nothing when a named forward is bound.
    /// </summary>
    public static SshForward Publish(IServerUnderTest server, string identityFile, string name, int port, int servicePort) =>
        new(Start(server, identityFile, "aes128-gcm@openssh.com", "-R",
            $"{name}:{port.ToString(CultureInfo.InvariantCulture)}:127.0.0.1:{servicePort.ToString(CultureInfo.InvariantCulture)}"), port);

    /// <summary>True while ssh runs (a publisher whose server died exits).</summary>
    public bool IsRunning => !_ssh.HasExited;

    public void Dispose() => _ssh.Dispose();

    private static ChildProcess Start(IServerUnderTest server, string identityFile, string cipher, string flag, string spec) =>
        ChildProcess.Start("ssh",
        [
            "-N", "-F", "/dev/null",
            "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null", "-o", "LogLevel=INFO",
            "-o", "BatchMode=yes", "-o", "ExitOnForwardFailure=yes", "-o", "IdentitiesOnly=yes", "-o", "Compression=no",
            "-i", identityFile, "-c", cipher,
            "-p", server.SshPort.ToString(CultureInfo.InvariantCulture),
            flag, spec,
            server.User + "@" + server.Host,
        ]);

    [GeneratedRegex(@"Allocated port (\d+) for remote forward")]
    private static partial Regex AllocatedPort();
}

/// <summary>Which way the forward points.</summary>
internal enum ForwardMode
{
    /// <summary><c>ssh -L</c>: the visitor is on the client's side.</summary>
    Local,

    /// <summary><c>ssh -R 0</c>: the visitor connects to the server's allocated port.</summary>
    Remote,
}
