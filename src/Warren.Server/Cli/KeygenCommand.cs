using Warren.Server.Configuration;
using Warren.Ssh.Keys;

namespace Warren.Server.Cli;

/// <summary><c>warren keygen</c>: writes a new OpenSSH-format private key (mode 0600) and its .pub.</summary>
internal static class KeygenCommand
{
    public static int Run(KeygenOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (File.Exists(options.OutFile))
        {
            // Overwriting a key silently would lock out everyone who trusts it.
            Console.Error.WriteLine($"warren keygen: {options.OutFile} exists; remove it first or choose another --out");
            return 2;
        }

        var type = options.Type switch
        {
            HostKeyType.Ed25519 => "ed25519",
            HostKeyType.Ecdsa => "ecdsa",
            _ => "rsa",
        };
        var key = KeyFile.Generate(type);
        KeyFile.Save(key, options.OutFile, $"warren {type} key");
        Console.Out.WriteLine($"Wrote {options.OutFile} and {options.OutFile}.pub");
        Console.Out.WriteLine($"{KeyFile.Fingerprint(key.PublicKeyBlob)} ({key.KeyType})");
        return 0;
    }
}
