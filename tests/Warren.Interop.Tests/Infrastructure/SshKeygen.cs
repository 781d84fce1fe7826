namespace Warren.Interop.Tests.Infrastructure;

/// <summary>Makes key pairs with ssh-keygen (types: ed25519, ecdsa, rsa, as <c>ssh-keygen -t</c>).</summary>
internal static class SshKeygen
{
    public static async Task<SshKeyPair> GenerateAsync(string directory, string type, string name, string comment = "warren-test", IEnumerable<string>? extraArgs = null)
    {
        SshTools.RequireClient();
        var path = Path.Combine(directory, name);
        var result = await ProcessRunner.RunAsync(
            SshTools.SshKeygen,
            ["-q", "-t", type, "-N", "", "-C", comment, "-f", path, .. extraArgs ?? []],
            SshTools.CommandTimeout);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"ssh-keygen -t {type} failed: {result}");
        }

        var publicKey = (await File.ReadAllTextAsync(path + ".pub")).Trim();
        return new SshKeyPair(type, path, path + ".pub", publicKey);
    }
}
