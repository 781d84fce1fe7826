using System.Runtime.CompilerServices;
using Warren.Ssh.Wire;

namespace Warren.Ssh.Transport;

/// <summary>The transport's own messages (RFC 4253 §11, RFC 8308, OpenSSH PROTOCOL ping) and the per-phase gate.</summary>
public sealed partial class SshTransport
{
    private readonly Queue<byte[]> _queuedPongs = new();
    private bool _expectPeerExtInfo;

    /// <summary>True when the message was the transport's own and is handled; false to give it to the caller.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<bool> HandleTransportMessageAsync(ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        var number = payload.Span[0];
        var expectedExtInfo = _expectPeerExtInfo;
        _expectPeerExtInfo = false;
        var peerInKex = _remoteKexInit is not null;

        if (InitialKex && _remoteKexInit is null && number != SshMessageNumber.KexInit)
        {
            _packetsBeforePeerKexInit++;
        }

        if (InitialKex && IsStrictKex && !IsKeyExchangeMessage(number))
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
                await OnKexInitAsync(payload, cancellationToken).ConfigureAwait(false);
                return true;
            case SshMessageNumber.NewKeys:
                if (!peerInKex || _newKeysReceived)
                {
                    throw new SshProtocolException(SshDisconnectReason.ProtocolError, "NEWKEYS outside a key exchange");
                }

                await OnNewKeysAsync(cancellationToken).ConfigureAwait(false);
                return true;
            case >= 30 and <= 49:
                if (!peerInKex)
                {
                    throw new SshProtocolException(SshDisconnectReason.ProtocolError, $"key exchange message {number} outside a key exchange");
                }

                await OnKexMethodMessageAsync(payload, cancellationToken).ConfigureAwait(false);
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

        if (InitialKex || peerInKex)
        {
            // RFC 4253 §7.1: between KEXINIT and NEWKEYS only transport-generic and key exchange messages.
            throw new SshProtocolException(SshDisconnectReason.ProtocolError, $"unexpected message {number} during key exchange");
        }

        switch (number)
        {
            case SshMessageNumber.Ping:
                await OnPingAsync(payload, cancellationToken).ConfigureAwait(false);
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

    private async ValueTask OnPingAsync(ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
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
        await _sendLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_kexGate is not null)
            {
                // PONGs wait for the key exchange, in a bounded queue (CVE-2025-26466).
                if (_queuedPongs.Count >= _settings.MaxQueuedPongs)
                {
                    throw new SshProtocolException(SshDisconnectReason.ProtocolError, "too many PINGs during a key exchange");
                }

                _queuedPongs.Enqueue(pong);
                return;
            }

            await SendLockedAsync(pong, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    private async ValueTask FlushQueuedPongsLockedAsync(CancellationToken cancellationToken)
    {
        while (_queuedPongs.TryDequeue(out var pong))
        {
            await SendLockedAsync(pong, cancellationToken).ConfigureAwait(false);
        }
    }
}
