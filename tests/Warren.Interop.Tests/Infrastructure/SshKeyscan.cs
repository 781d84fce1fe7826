namespace Warren.Interop.Tests.Infrastructure;

/// <summary>Wraps <c>ssh-keyscan -p PORT -t TYPE 127.0.0.1</c>.</summary>
internal static class SshKeyscan
{
    /// <summary>
    /// Runs ssh-keyscan; <c>type</c> is as <c>ssh-keyscan -t</c> takes it (ed25519, ecdsa, rsa).
    /// The host key lines ("[127.0.0.1]:PORT ssh-ed25519 AAAA...") are on stdout.
    /// </summary>
    public static Task<ProcessResult> RunAsync(int port, string type, TimeSpan? timeout = null)
    {
        SshTools.RequireClient();
        return ProcessRunner.RunAsync(
            SshTools.SshKeyscan,
            ["-T", "10", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-t", type, "127.0.0.1"],
            timeout ?? SshTools.CommandTimeout);
    }

    /// <summary>The key lines of a keyscan result as (algorithm, base64 blob) pairs; comments are skipped.</summary>
    public static IReadOnlyList<(string Algorithm, string Blob)> Keys(ProcessResult result) =>
        result.Stdout.Split('\n')
            .Where(line => line.Length > 0 && line[0] != '#')
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(fields => fields.Length >= 3)
            .Select(fields => (fields[1], fields[2]))
            .ToList();
}
