using System.Buffers.Binary;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Warren.Ssh.Crypto;
using Warren.Ssh.Keys;
using Warren.Ssh.Wire;

namespace Warren.Ssh.Tests.Kex;

/// <summary>
/// Just enough of an SSH server (RFC 4253 §4.2, §6, §7, §8) to run one key exchange against the
/// real OpenSSH client. The client computes K on its own, hashes it into H and checks our host
/// key signature over H; it sends NEWKEYS only if everything matched, so NEWKEYS proves that our
/// server value, K encoding, host key blob and signature blob are what OpenSSH expects.
/// </summary>
internal static class OpenSshKexHarness
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    /// <summary>Runs one exchange; returns the message number the client sent after our reply (21 = NEWKEYS).</summary>
    public static byte RunExchange(string kexName, IHostKey hostKey, string signatureAlgorithm)
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        using var ssh = StartClient(port, kexName, signatureAlgorithm);
        try
        {
            var accept = listener.AcceptSocketAsync();
            Assert.True(accept.Wait(Timeout), "ssh did not connect");
            using var socket = accept.Result;
            socket.ReceiveTimeout = (int)Timeout.TotalMilliseconds;
            socket.SendTimeout = (int)Timeout.TotalMilliseconds;
            using var stream = new NetworkStream(socket);
            return ServeKeyExchange(stream, kexName, hostKey, signatureAlgorithm);
        }
        finally
        {
            if (!ssh.HasExited)
            {
                ssh.Kill();
            }

            ssh.WaitForExit(Timeout);
        }
    }

    private static Process StartClient(int port, string kexName, string signatureAlgorithm)
    {
        var start = new ProcessStartInfo("ssh")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
        {
            "-F", "/dev/null", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "-o", "BatchMode=yes", "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null",
            "-o", "KexAlgorithms=" + kexName, "-o", "HostKeyAlgorithms=" + signatureAlgorithm,
            "-o", "ConnectTimeout=20", "-N", "warren@127.0.0.1",
        })
        {
            start.ArgumentList.Add(argument);
        }

        return Process.Start(start) ?? throw new InvalidOperationException("ssh did not start");
    }

    private static byte ServeKeyExchange(Stream stream, string kexName, IHostKey hostKey, string signatureAlgorithm)
    {
        const string ServerVersion = "SSH-2.0-WarrenKexTest";
        stream.Write(Encoding.ASCII.GetBytes(ServerVersion + "\r\n"));
        var clientVersion = ReadLine(stream);
        Assert.StartsWith("SSH-2.0-", clientVersion, StringComparison.Ordinal);

        var serverKexInit = BuildKexInit(kexName, signatureAlgorithm);
        WritePacket(stream, serverKexInit);
        var clientKexInit = ReadPacket(stream);
        Assert.Equal(20, clientKexInit[0]);

        var init = ReadPacket(stream);
        Assert.Equal(30, init[0]);

        using var kex = Warren.Ssh.Crypto.Kex.KeyExchangeFactory.Create(kexName);
        var reader = new SshReader(init.AsSpan(1));
        ReadOnlySpan<byte> clientValue;
        Assert.True(kex.UsesMPInt ? reader.TryReadMPInt(out clientValue) : reader.TryReadString(out clientValue));
        Assert.True(kex.TryRespond(clientValue, out var serverValue, out var sharedSecret));

        // Exchange hash H (RFC 4253 §8, RFC 5656 §4, kexgen.c): the public values are mpints for
        // finite-field DH and strings otherwise; K is appended already encoded.
        var h = new SshBlobBuilder(8192);
        h.WriteString(clientVersion);
        h.WriteString(ServerVersion);
        h.WriteString(clientKexInit);
        h.WriteString(serverKexInit);
        h.WriteString(hostKey.PublicKeyBlob);
        if (kex.UsesMPInt)
        {
            h.WriteMPInt(clientValue);
            h.WriteMPInt(serverValue);
        }
        else
        {
            h.WriteString(clientValue);
            h.WriteString(serverValue);
        }

        h.WriteBytes(sharedSecret);
        var exchangeHash = kex.HashAlgorithm == HashAlgorithmName.SHA512 ? SHA512.HashData(h.ToArray())
            : kex.HashAlgorithm == HashAlgorithmName.SHA384 ? SHA384.HashData(h.ToArray())
            : SHA256.HashData(h.ToArray());

        var reply = new SshBlobBuilder(8192);
        reply.WriteBytes([31]);
        reply.WriteString(hostKey.PublicKeyBlob);
        if (kex.UsesMPInt)
        {
            reply.WriteMPInt(serverValue);
        }
        else
        {
            reply.WriteString(serverValue);
        }

        reply.WriteString(hostKey.Sign(signatureAlgorithm, exchangeHash));
        WritePacket(stream, reply.ToArray());

        try
        {
            return ReadPacket(stream)[0];
        }
        catch (EndOfStreamException)
        {
            return 0;
        }
    }

    private static byte[] BuildKexInit(string kexName, string signatureAlgorithm)
    {
        var payload = new SshBlobBuilder();
        payload.WriteBytes([20]);
        payload.WriteBytes(RandomNumberGenerator.GetBytes(16));
        foreach (var list in new[]
        {
            kexName, signatureAlgorithm, "aes128-ctr", "aes128-ctr", "hmac-sha2-256", "hmac-sha2-256",
            "none", "none", string.Empty, string.Empty,
        })
        {
            payload.WriteString(list);
        }

        payload.WriteBytes([0, 0, 0, 0, 0]);
        return payload.ToArray();
    }

    private static string ReadLine(Stream stream)
    {
        var line = new List<byte>();
        while (line.Count < 255)
        {
            var b = stream.ReadByte();
            if (b < 0)
            {
                throw new EndOfStreamException();
            }

            if (b == '\n')
            {
                return Encoding.ASCII.GetString([.. line]).TrimEnd('\r');
            }

            line.Add((byte)b);
        }

        throw new InvalidDataException("identification line too long");
    }

    private static void WritePacket(Stream stream, ReadOnlySpan<byte> payload)
    {
        var padding = 8 - ((5 + payload.Length) % 8);
        if (padding < 4)
        {
            padding += 8;
        }

        var packet = new byte[5 + payload.Length + padding];
        BinaryPrimitives.WriteUInt32BigEndian(packet, (uint)(1 + payload.Length + padding));
        packet[4] = (byte)padding;
        payload.CopyTo(packet.AsSpan(5));
        stream.Write(packet);
        stream.Flush();
    }

    private static byte[] ReadPacket(Stream stream)
    {
        var header = new byte[5];
        stream.ReadExactly(header);
        var length = BinaryPrimitives.ReadUInt32BigEndian(header);
        Assert.InRange(length, 5u, 35000u);
        var rest = new byte[length - 1];
        stream.ReadExactly(rest);
        return rest[..^header[4]];
    }
}
