using System.Security.Cryptography;
using Warren.Ssh.Wire;

namespace Warren.Ssh.Transport;

/// <summary>SSH_MSG_KEXINIT (RFC 4253 §7.1). The raw payload is kept because the exchange hash covers it.</summary>
internal sealed record KexInitMessage(
    NameList KexAlgorithms,
    NameList HostKeyAlgorithms,
    NameList CiphersClientToServer,
    NameList CiphersServerToClient,
    NameList MacsClientToServer,
    NameList MacsServerToClient,
    NameList CompressionClientToServer,
    NameList CompressionServerToClient,
    bool FirstKexPacketFollows,
    byte[] Payload)
{
    public static KexInitMessage Create(
        IReadOnlyList<string> kex,
        IReadOnlyList<string> hostKeys,
        IReadOnlyList<string> ciphers,
        IReadOnlyList<string> macs)
    {
        var kexList = new NameList(kex);
        var hostKeyList = new NameList(hostKeys);
        var cipherList = new NameList(ciphers);
        var macList = new NameList(macs);
        var none = NameList.Of("none");
        var buffer = new byte[16 * 1024];
        var writer = new SshWriter(buffer);
        writer.WriteByte(SshMessageNumber.KexInit);
        RandomNumberGenerator.Fill(writer.Reserve(16));
        writer.WriteNameList(kexList);
        writer.WriteNameList(hostKeyList);
        writer.WriteNameList(cipherList);
        writer.WriteNameList(cipherList);
        writer.WriteNameList(macList);
        writer.WriteNameList(macList);
        writer.WriteNameList(none);
        writer.WriteNameList(none);
        writer.WriteNameList(NameList.Empty);
        writer.WriteNameList(NameList.Empty);
        writer.WriteBoolean(false);
        writer.WriteUInt32(0);
        return new KexInitMessage(kexList, hostKeyList, cipherList, cipherList, macList, macList, none, none, false, writer.Written.ToArray());
    }

    public static bool TryRead(ReadOnlySpan<byte> payload, out KexInitMessage? message)
    {
        message = null;
        var reader = new SshReader(payload);
        if (!reader.TryReadByte(out var number) || number != SshMessageNumber.KexInit
            || !reader.TryReadBytes(16, out _)
            || !reader.TryReadNameList(out var kex)
            || !reader.TryReadNameList(out var hostKeys)
            || !reader.TryReadNameList(out var encC2S)
            || !reader.TryReadNameList(out var encS2C)
            || !reader.TryReadNameList(out var macC2S)
            || !reader.TryReadNameList(out var macS2C)
            || !reader.TryReadNameList(out var compC2S)
            || !reader.TryReadNameList(out var compS2C)
            || !reader.TryReadNameList(out _)
            || !reader.TryReadNameList(out _)
            || !reader.TryReadBoolean(out var follows)
            || !reader.TryReadUInt32(out _))
        {
            return false;
        }

        message = new KexInitMessage(kex, hostKeys, encC2S, encS2C, macC2S, macS2C, compC2S, compS2C, follows, payload.ToArray());
        return true;
    }
}
