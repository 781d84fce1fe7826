using Warren.Ssh.Wire;

namespace Warren.Ssh.Transport;

/// <summary>The transport's own messages (RFC 4253 §11, RFC 8308, OpenSSH PROTOCOL ping) and the per-phase gate.</summary>
public sealed partial class SshTransport
{
    private readonly Queue<byte[]> _queuedPongs = new();
    private bool _expectPeerExtInfo;

    /// <summary>True when the message was the transport's own and is handled; false to give it to the caller.</summary>
    private bool HandleTransportMessage(ReadOnlyMemory<byte> payload)
    {
        var number = payload.Span[0];
        var expectedExtInfo = _expectPeerExtInfo;
        _expectPeerExtInfo = false;
        // The peer's key exchange ends with its NEWKEYS; ours may still be finishing, but it may talk again.
        // Only reader-owned state here: the exchange's shared fields are reset by whichever task wrote our
        // NEWKEYS, and two of them read while that happens could make a data packet look like one sent
        // in the middle of a key exchange.
        var peerInKex = _peerKexOpen;
        var peerInInitialKex = !_peerFirstNewKeysSeen;

        if (peerInInitialKex && !peerInKex && number != SshMessageNumber.KexInit)
        {
            _packetsBeforePeerKexInit++;
        }

        if (peerInInitialKex && IsStrictKex && !IsKeyExchangeMessage(number))
        {
            // Terrapin countermeasure: nothing but the key exchange itself until the first NEWKEYS.
            throw new SshProtocolException(SshDisconnectReason.ProtocolError, $"strict KEX violation: unexpected message {number} during the initial key exchange");
        }

        switch (number)
        {
            case SshMessageNumber.Disconnect:
                throw PeerDisconnected(payload.Span);
            case SshMessageNumber.Ignore:
            case SshMessageNumber.Debug:
            case SshMessageNumber.Unimplemented:
                return true;
            case SshMessageNumber.KexInit:
                OnKexInit(payload);
                return true;
            case SshMessageNumber.NewKeys:
                if (!peerInKex)
                {
                    throw new SshProtocolException(SshDisconnectReason.ProtocolError, "NEWKEYS outside a key exchange");
                }

                OnNewKeys();
                return true;
            case >= 30 and <= 49:
                if (!peerInKex)
                {
                    throw new SshProtocolException(SshDisconnectReason.ProtocolError, $"key exchange message {number} outside a key exchange");
                }

                OnKexMethodMessage(payload);
                return true;
            case SshMessageNumber.ExtInfo:
                // CVE-2023-46445: only right after the peer's first NEWKEYS, and only when we offered it.
                if (!expectedExtInfo || !ExtInfo.TryRead(payload.Span, out var extensions))
                {
                    throw new SshProtocolException(SshDisconnectReason.ProtocolError, "unexpected or malformed EXT_INFO");
                }

                PeerExtensions = extensions;
                return true;
        }

        if (peerInInitialKex || peerInKex)
        {
            // RFC 4253 §7.1: between KEXINIT and NEWKEYS only transport-generic and key exchange messages.
            throw new SshProtocolException(SshDisconnectReason.ProtocolError, $"unexpected message {number} during key exchange");
        }

        switch (number)
        {
            case SshMessageNumber.Ping:
                OnPing(payload);
                return true;
            case SshMessageNumber.Pong:
                return true;
            default:
                return false;
        }
    }

    private static bool IsKeyExchangeMessage(byte number) =>
        number is SshMessageNumber.KexInit or SshMessageNumber.NewKeys or SshMessageNumber.Disconnect or >= 30 and <= 49;

    private static SshConnectionClosedException PeerDisconnected(ReadOnlySpan<byte> payload)
    {
        var reader = new SshReader(payload[1..]);
        if (reader.TryReadUInt32(out var reason) && reader.TryReadUtf8(out var description))
        {
            return new SshConnectionClosedException((SshDisconnectReason)reason, $"the peer disconnected: {description} (reason {reason})");
        }

        return new SshConnectionClosedException(SshDisconnectReason.None, "the peer disconnected");
    }

    private void OnPing(ReadOnlyMemory<byte> payload)
    {
        var reader = new SshReader(payload.Span[1..]);
        if (!reader.TryReadString(out var data) || reader.Remaining != 0)
        {
            throw new SshProtocolException(SshDisconnectReason.ProtocolError, "malformed PING");
        }

        var pong = new byte[1 + 4 + data.Length];
        var writer = new SshWriter(pong);
        writer.WriteByte(SshMessageNumber.Pong);
        writer.WriteString(data);
        lock (_kexLock)
        {
            if (_kexGate is null)
            {
                Post(pong);
                return;
            }

            // PONGs wait for the key exchange, in a bounded queue (CVE-2025-26466).
            if (_queuedPongs.Count >= _settings.MaxQueuedPongs)
            {
                throw new SshProtocolException(SshDisconnectReason.ProtocolError, "too many PINGs during a key exchange");
            }

            _queuedPongs.Enqueue(pong);
        }
    }
}
