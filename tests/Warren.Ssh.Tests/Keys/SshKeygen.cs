using System.Diagnostics;

namespace Warren.Ssh.Tests.Keys;

/// <summary>Runs the real OpenSSH ssh-keygen in a private temporary directory, with a timeout.</summary>
internal sealed class SshKeygen : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    public SshKeygen()
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("warren-keys-").FullName;
    }

    public string Directory { get; }

    public string PathOf(string name) => Path.Combine(Directory, name);

    /// <summary>Runs ssh-keygen with <paramref name="arguments"/>; returns stdout, fails the test on a non-zero exit.</summary>
    public static string Run(params string[] arguments) => RunTool("ssh-keygen", arguments);

    /// <summary>Runs <paramref name="program"/> (ssh-keygen, openssl) with a timeout; returns stdout, fails the test on a non-zero exit.</summary>
    public static string RunTool(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("ssh-keygen did not start");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(Timeout))
        {
            process.Kill();
            throw new TimeoutException($"{program} {string.Join(' ', arguments)} did not finish in {Timeout}");
        }

        Assert.True(stdout.Wait(Timeout) && stderr.Wait(Timeout));
        Assert.True(process.ExitCode == 0, $"{program} {string.Join(' ', arguments)} exited {process.ExitCode}: {stderr.Result}");
        return stdout.Result;
    }

    /// <summary>Makes a key without passphrase; <paramref name="extra"/> adds e.g. "-m", "PEM".</summary>
    public string Generate(string name, string type, int bits, params string[] extra)
    {
        var path = PathOf(name);
        var arguments = new List<string> { "-q", "-t", type, "-N", string.Empty, "-C", "test@warren", "-f", path };
        if (bits > 0)
        {
            arguments.AddRange(["-b", bits.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        }

        arguments.AddRange(extra);
        Run([.. arguments]);
        return path;
    }

    /// <summary>The public key blob that <c>ssh-keygen -y -f</c> prints for a private key file.</summary>
    public static byte[] PublicBlobOf(string privateKeyPath)
    {
        var line = Run("-y", "-f", privateKeyPath).Trim();
        return Convert.FromBase64String(line.Split(' ')[1]);
    }

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp directory is harmless; never fail a test on cleanup.
        }
    }
}
