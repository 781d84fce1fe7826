using System.Buffers.Binary;
using Org.BouncyCastle.Crypto.Engines;
using Org.BouncyCastle.Crypto.Macs;
using Org.BouncyCastle.Crypto.Parameters;

namespace Warren.Ssh.Tests.Crypto;

/// <summary>
/// An independent, deliberately plain composition of chacha20-poly1305@openssh.com from
/// BouncyCastle's ChaChaEngine and Poly1305, written from PROTOCOL.chacha20poly1305 alone.
/// </summary>
internal static class ReferenceChaCha20Poly1305OpenSsh
{
    public static (byte[] Wire, byte[] Tag) Encrypt(byte[] key, uint sequenceNumber, byte[] clear)
    {
        var nonce = new byte[8];
        BinaryPrimitives.WriteUInt64BigEndian(nonce, sequenceNumber);
        var wire = new byte[clear.Length];

        // K_1 is the second 32 bytes and encrypts the length alone, from block 0.
        var lengthEngine = new ChaChaEngine();
        lengthEngine.Init(true, new ParametersWithIV(new KeyParameter(key, 32, 32), nonce));
        lengthEngine.ProcessBytes(clear, 0, 4, wire, 0);

        // K_2 is the first 32 bytes: block 0 gives the Poly1305 key, the payload starts at block 1.
        var payloadEngine = new ChaChaEngine();
        payloadEngine.Init(true, new ParametersWithIV(new KeyParameter(key, 0, 32), nonce));
        var block0 = new byte[64];
        payloadEngine.ProcessBytes(new byte[64], 0, 64, block0, 0);
        payloadEngine.ProcessBytes(clear, 4, clear.Length - 4, wire, 4);

        var mac = new Poly1305();
        mac.Init(new KeyParameter(block0, 0, 32));
        mac.BlockUpdate(wire, 0, wire.Length);
        var tag = new byte[16];
        mac.DoFinal(tag, 0);
        return (wire, tag);
    }
}
