using System.Globalization;
using System.Text;
using Warren.LoadGen.Infrastructure;

namespace Warren.LoadGen.Servers;

/// <summary>
/// OpenSSH's sshd from the distribution, on a free loopback port, with a temporary config that
/// allows forwarding and public-key login for the user running the tool.
/// </summary>
internal sealed class SshdUnderTest : IServerUnderTest
{
    private const string Sshd = "/usr/sbin/sshd";
    private readonly ChildProcess _process;

    private SshdUnderTest(ChildProcess process, int port)
    {
        _process = process;
        SshPort = port;
    }

    public string Name => "sshd";

    public string Host => "127.0.0.1";

    public int SshPort { get; }

    public string User => Environment.UserName;

    public int ProcessId => _process.Id;

    public static async Task<SshdUnderTest> StartAsync(string directory, string clientPublicKeyFile)
    {
        if (!File.Exists(Sshd))
        {
            throw new InvalidOperationException($"{Sshd} is missing: apt-get install -y openssh-server");
        }

        if (Environment.UserName == "root")
        {
            Directory.CreateDirectory("/run/sshd"); // sshd as root refuses to start without it.
        }

        var hostKey = Path.Combine(directory, "sshd_host_ed25519_key");
        await SshKeys.GenerateAsync(hostKey).ConfigureAwait(false);
        var authorizedKeys = Path.Combine(directory, "sshd_authorized_keys");
        File.Copy(clientPublicKeyFile, authorizedKeys, overwrite: true);
        var port = FreeTcpPort.Get();
        var config = Path.Combine(directory, "sshd_config");
        var text = new StringBuilder()
            .AppendLine("ListenAddress 127.0.0.1")
            .Append("Port ").AppendLine(port.ToString(CultureInfo.InvariantCulture))
            .Append("HostKey ").AppendLine(hostKey)
            .Append("AuthorizedKeysFile ").AppendLine(authorizedKeys)
            .AppendLine("PidFile none")
            .AppendLine("UsePAM no")
            .AppendLine("StrictModes no")
            .AppendLine("PasswordAuthentication no")
            .AppendLine("KbdInteractiveAuthentication no")
            .AppendLine("PermitRootLogin prohibit-password")
            .AppendLine("AllowTcpForwarding yes")
            .AppendLine("MaxStartups 10000") // Past the load's concurrency, so no handshake is dropped at random.
            .AppendLine("LogLevel ERROR");
        await File.WriteAllTextAsync(config, text.ToString()).ConfigureAwait(false);
        var process = ChildProcess.Start(Sshd, ["-D", "-e", "-f", config]);
        try
        {
            await FreeTcpPort.WaitOpenAsync(port, TimeSpan.FromSeconds(30), () => process.HasExited, "sshd").ConfigureAwait(false);
        }
        catch
        {
            Console.Error.WriteLine(process.Output);
            process.Dispose();
            throw;
        }

        return new SshdUnderTest(process, port);
    }

    public Task<long?> AllocatedBytesAsync() => Task.FromResult<long?>(null);

    public void Dispose() => _process.Dispose();
}
