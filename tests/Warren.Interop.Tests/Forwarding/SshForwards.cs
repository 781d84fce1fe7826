using System.Net;
using System.Net.Sockets;
using Warren.Interop.Tests.Infrastructure;

namespace Warren.Interop.Tests.Forwarding;

/// <summary>
/// Long-running <c>ssh -N -R</c> and <c>ssh -N -L</c> processes against warren, returned once
/// ssh reports the forward ready, and a TCP round trip through an echo service.
/// </summary>
internal static class SshForwards
{
    /// <summary>
    /// <c>ssh -N -R FORWARD...</c> with ExitOnForwardFailure, back once ssh -vv reported every
    /// <paramref name="successTexts"/> in a "remote forward success" line.
    /// </summary>
    public static async Task<BackgroundProcess> PublishAsync(
        OpenSshClient client, int port, IReadOnlyList<string> forwards, IReadOnlyList<string> successTexts, TimeSpan timeout, IEnumerable<string>? options = null)
    {
        var args = new List<string> { "-N" };
        foreach (var forward in forwards)
        {
            args.Add("-R");
            args.Add(forward);
        }

        var ssh = client.StartBackground(port, ["ExitOnForwardFailure=yes", .. options ?? []], args);
        try
        {
            await WaitFor.ConditionAsync(
                () => ssh.HasExited || successTexts.All(text => ReportsRemoteForward(ssh.Output, text)),
                timeout,
                $"ssh to report the remote forwards ({string.Join(", ", successTexts)}) as bound");
            if (ssh.HasExited)
            {
                throw new InvalidOperationException($"ssh -R {string.Join(" -R ", forwards)} exited before its forwards were bound. Output:\n{ssh.Output}");
            }

            return ssh;
        }
        catch
        {
            ssh.Dispose();
            throw;
        }
    }

    /// <summary>True when ssh -vv logged the remote forward whose line contains <paramref name="text"/> as bound.</summary>
    public static bool ReportsRemoteForward(OutputBuffer output, string text) =>
        output.ToString().Split('\n').Any(line => line.Contains("remote forward success", StringComparison.Ordinal) && line.Contains(text, StringComparison.Ordinal));

    /// <summary>
    /// <c>ssh -N -L 127.0.0.1:LOCAL:TARGET...</c> (pairs of local port and target) with
    /// ExitOnForwardFailure, back once ssh listens on every local port.
    /// </summary>
    public static async Task<BackgroundProcess> LocalForwardAsync(
        OpenSshClient client, int port, IReadOnlyList<(int LocalPort, string Target)> forwards, TimeSpan timeout, IEnumerable<string>? options = null)
    {
        var args = new List<string> { "-N" };
        foreach (var (localPort, target) in forwards)
        {
            args.Add("-L");
            args.Add($"127.0.0.1:{localPort}:{target}");
        }

        var ssh = client.StartBackground(port, ["ExitOnForwardFailure=yes", .. options ?? []], args);
        try
        {
            // Not WaitFor.PortOpenAsync: its probe connection would be forwarded too.
            await WaitFor.ConditionAsync(
                () => forwards.All(f => ssh.Output.Contains($"Local connections to 127.0.0.1:{f.LocalPort} forwarded")),
                timeout,
                "ssh to listen on every local forward");
            return ssh;
        }
        catch
        {
            ssh.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Sends <paramref name="payload"/> to 127.0.0.1:<paramref name="localPort"/>, half-closes, and
    /// returns everything read until the other side closes (an echo service gives it all back).
    /// </summary>
    public static async Task<byte[]> RoundTripAsync(int localPort, byte[] payload, TimeSpan timeout)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, localPort).WaitAsync(timeout);
        return await RoundTripAsync(tcp, payload, timeout);
    }

    /// <summary>The same over a connection already made.</summary>
    public static async Task<byte[]> RoundTripAsync(TcpClient tcp, byte[] payload, TimeSpan timeout)
    {
        var stream = tcp.GetStream();
        var writing = Task.Run(async () =>
        {
            await stream.WriteAsync(payload);
            tcp.Client.Shutdown(SocketShutdown.Send);
        });
        using var received = new MemoryStream();
        await stream.CopyToAsync(received).WaitAsync(timeout);
        await writing.WaitAsync(timeout);
        return received.ToArray();
    }
}
