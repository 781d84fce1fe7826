namespace Warren.LoadGen.Infrastructure;

/// <summary>Key pairs made by ssh-keygen, as users make them.</summary>
internal static class SshKeys
{
    /// <summary>Writes an ed25519 key pair to <paramref name="path"/> and PATH.pub.</summary>
    public static async Task GenerateAsync(string path)
    {
        var (code, output) = await ChildProcess.RunAsync("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-C", "warren-loadgen", "-f", path], TimeSpan.FromSeconds(30)).ConfigureAwait(false);
        if (code != 0)
        {
            throw new InvalidOperationException($"ssh-keygen failed ({code}): {output}; is openssh-client installed?");
        }
    }
}
