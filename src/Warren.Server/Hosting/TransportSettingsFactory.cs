using Warren.Server.Configuration;
using Warren.Ssh.Crypto.Ciphers;
using Warren.Ssh.Crypto.Kex;
using Warren.Ssh.Transport;

namespace Warren.Server.Hosting;

/// <summary>Turns the operator's options into transport settings, refusing algorithm names Warren does not have.</summary>
internal static class TransportSettingsFactory
{
    public static SshTransportSettings Create(ServeOptions options) => new()
    {
        KexAlgorithms = Check("--kex-algorithms", options.KexAlgorithms, KeyExchangeFactory.SupportedAlgorithms),
        Ciphers = Check("--ciphers", options.Ciphers, PacketCipherFactory.SupportedCiphers),
        Macs = Check("--macs", options.Macs, PacketCipherFactory.SupportedMacs),
        HostKeyAlgorithms = Check("--host-key-algorithms", options.HostKeyAlgorithms, SshTransport.SupportedHostKeyAlgorithms),
        MaxPacketLength = options.MaxPacketSize,
        RekeyBytes = options.RekeyLimitBytes,
        RekeyInterval = options.RekeyInterval,
        HandshakeTimeout = options.LoginGraceTime,
    };

    private static List<string>? Check(string flag, List<string>? wanted, IReadOnlyList<string> supported)
    {
        if (wanted is null)
        {
            return null;
        }

        if (wanted.Count == 0)
        {
            throw new OptionsException($"{flag}: the list is empty; name at least one of: {string.Join(',', supported)}");
        }

        foreach (var name in wanted)
        {
            if (!supported.Contains(name))
            {
                throw new OptionsException($"{flag}: '{name}' is not supported; choose from: {string.Join(',', supported)}");
            }
        }

        return wanted;
    }
}
