using System.Diagnostics;

namespace Warren.Interop.Tests.Transport;

/// <summary>What this machine's OpenSSH supports (`ssh -Q`), so rows cover every algorithm both sides have.</summary>
internal static class OpenSshAlgorithms
{
    private static readonly Lazy<HashSet<string>> LazyKex = new(() => Query("kex"));
    private static readonly Lazy<HashSet<string>> LazyCiphers = new(() => Query("cipher"));
    private static readonly Lazy<HashSet<string>> LazyMacs = new(() => Query("mac"));
    private static readonly Lazy<HashSet<string>> LazyKeys = new(() => Query("key-sig"));

    public static TheoryData<string> Common(string what, IEnumerable<string> ours)
    {
        var theirs = what switch
        {
            "kex" => LazyKex.Value,
            "cipher" => LazyCiphers.Value,
            "mac" => LazyMacs.Value,
            _ => LazyKeys.Value,
        };
        var data = new TheoryData<string>();
        foreach (var name in ours)
        {
            if (theirs.Contains(name))
            {
                data.Add(name);
            }
        }

        return data;
    }

    private static HashSet<string> Query(string what)
    {
        using var process = Process.Start(new ProcessStartInfo("ssh", ["-Q", what]) { RedirectStandardOutput = true })
            ?? throw new InvalidOperationException("ssh is not installed: apt-get install -y openssh-client");
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return new HashSet<string>(output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), StringComparer.Ordinal);
    }
}
