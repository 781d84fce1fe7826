namespace Warren.Ssh.Transport;

/// <summary>The algorithms one key exchange settled on (RFC 4253 §7.1). MACs are null under an AEAD cipher.</summary>
public sealed record NegotiatedAlgorithms(
    string Kex,
    string HostKey,
    string CipherClientToServer,
    string CipherServerToClient,
    string? MacClientToServer,
    string? MacServerToClient)
{
    /// <summary>One line for logs: <c>kex=... hostkey=... cipher=... mac=...</c>.</summary>
    public override string ToString()
    {
        var cipher = CipherClientToServer == CipherServerToClient ? CipherClientToServer : $"{CipherClientToServer}/{CipherServerToClient}";
        var mac = MacClientToServer == MacServerToClient ? MacClientToServer ?? "implicit" : $"{MacClientToServer}/{MacServerToClient}";
        return $"kex={Kex} hostkey={HostKey} cipher={cipher} mac={mac}";
    }
}
