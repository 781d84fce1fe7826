using System.Net.Sockets;
using Warren.Ssh.Crypto.Ciphers;
using Warren.Ssh.Transport;

namespace Warren.Ssh.Tests.Transport;

public sealed class TransportTamperingTests
{
    public static TheoryData<string, string?> CipherSuites
    {
        get
        {
            var data = new TheoryData<string, string?>();
            foreach (var cipher in PacketCipherFactory.SupportedCiphers)
            {
                if (PacketCipherFactory.IsAead(cipher))
                {
                    data.Add(cipher, null);
                    continue;
                }

                foreach (var mac in PacketCipherFactory.SupportedMacs)
                {
                    data.Add(cipher, mac);
                }
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(CipherSuites))]
    public async Task Packet_BitFlippedOnTheWire_FailsWithMacError(string cipher, string? mac)
    {
        using var connection = await LoopbackConnection.OpenAsync();
        using var cancel = new CancellationTokenSource(TransportPair.Timeout);
        var settings = new SshTransportSettings { Ciphers = [cipher], Macs = mac is null ? null : [mac] };
        var wire = new TamperingStream(new NetworkStream(connection.Client, ownsSocket: true));
        var serverTask = SshTransport.AcceptAsync(new NetworkStream(connection.Server, ownsSocket: true), settings, TestKeys.All, cancel.Token);
        await using var client = await SshTransport.ConnectAsync(wire, settings, _ => true, cancel.Token);
        await using var server = await serverTask;

        // Byte 20 lies inside the encrypted payload for every mode, past the length and before the tag.
        wire.FlipBitInNextWrite(20);
        await client.SendAsync(new byte[64], cancel.Token);

        var error = await Assert.ThrowsAsync<SshProtocolException>(async () => await server.ReceiveAsync(cancel.Token));
        Assert.Equal(SshDisconnectReason.MacError, error.Reason);
    }
}
