using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using Warren.Ssh.Crypto;
using Warren.Ssh.Wire;

namespace Warren.Ssh.Transport;

/// <summary>
/// The SSH transport layer (RFC 4253) for either role over any stream: version exchange, key
/// exchange and rekeying, packet protection, and the generic transport messages. What it does not
/// consume itself (service requests, authentication, connection messages) it returns from
/// <see cref="ReceiveAsync"/>.
/// </summary>
/// <remarks>
/// Threading: one task calls <see cref="ReceiveAsync"/> at a time (it also drives key exchanges);
/// any number of tasks may call <see cref="SendAsync"/>, which waits while a key exchange that
/// this side started is in progress, so nothing is lost across a rekey.
/// </remarks>
public sealed partial class SshTransport : IAsyncDisposable
{
    private readonly Stream _stream;
    private readonly SshRole _role;
    private readonly SshTransportSettings _settings;
    private readonly IReadOnlyList<IHostKey> _hostKeys;
    private readonly Func<byte[], bool>? _hostKeyValidator;
    private readonly PacketReader _reader;
    private readonly PacketWriter _writer;
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private int _disposed;

    private SshTransport(Stream stream, SshRole role, SshTransportSettings settings, IReadOnlyList<IHostKey> hostKeys, Func<byte[], bool>? hostKeyValidator)
    {
        _stream = stream;
        _role = role;
        _settings = settings;
        _hostKeys = hostKeys;
        _hostKeyValidator = hostKeyValidator;
        _reader = new PacketReader(stream, settings.MaxPacketLength);
        _writer = new PacketWriter(stream, Math.Max(settings.MaxPacketLength, 64 * 1024));
        LocalIdentification = "SSH-2.0-" + settings.SoftwareVersion;
    }

    /// <summary>This side's identification line, without CR LF.</summary>
    public string LocalIdentification { get; }

    /// <summary>The peer's identification line, without CR LF.</summary>
    public string RemoteIdentification { get; private set; } = string.Empty;

    /// <summary>H of the first key exchange (RFC 4253 §7.2); fixed for the life of the connection.</summary>
    public byte[] SessionId { get; private set; } = [];

    /// <summary>What the latest key exchange settled on.</summary>
    public NegotiatedAlgorithms? Algorithms { get; private set; }

    /// <summary>True when both sides signalled strict KEX in the first exchange (the Terrapin countermeasure).</summary>
    public bool IsStrictKex { get; private set; }

    /// <summary>Completed key exchanges, the first included.</summary>
    public int KeyExchangeCount { get; private set; }

    /// <summary>Client role: the server's host key blob, as proved in the last key exchange.</summary>
    public byte[] ServerHostKey { get; private set; } = [];

    /// <summary>Extensions the peer announced in SSH_MSG_EXT_INFO (RFC 8308), name to value.</summary>
    public IReadOnlyDictionary<string, string> PeerExtensions { get; private set; } = new Dictionary<string, string>();

    /// <summary>Sequence number of the packet <see cref="ReceiveAsync"/> returned last, for SSH_MSG_UNIMPLEMENTED.</summary>
    public uint LastReceivedSequenceNumber { get; private set; }

    /// <summary>Largest payload <see cref="SendAsync"/> takes.</summary>
    public int MaxPayloadLength => _writer.MaxPayloadLength;

    /// <summary>
    /// Runs the version exchange and the first key exchange as the server, proving one of
    /// <paramref name="hostKeys"/>. Fails with <see cref="SshProtocolException"/> (after telling the
    /// peer why) or <see cref="SshConnectionClosedException"/>.
    /// </summary>
    public static Task<SshTransport> AcceptAsync(Stream stream, SshTransportSettings settings, IReadOnlyList<IHostKey> hostKeys, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(hostKeys);
        if (hostKeys.Count == 0)
        {
            throw new ArgumentException("the server needs at least one host key", nameof(hostKeys));
        }

        return EstablishAsync(new SshTransport(stream, SshRole.Server, settings, hostKeys, null), cancellationToken);
    }

    /// <summary>
    /// Runs the version exchange and the first key exchange as the client. <paramref name="hostKeyValidator"/>
    /// sees the server's host key blob after its signature checked out, and returns false to refuse it.
    /// </summary>
    public static Task<SshTransport> ConnectAsync(Stream stream, SshTransportSettings settings, Func<byte[], bool> hostKeyValidator, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(hostKeyValidator);
        return EstablishAsync(new SshTransport(stream, SshRole.Client, settings, [], hostKeyValidator), cancellationToken);
    }

    /// <summary>
    /// Returns the next message that is not the transport's own. The payload (message number first)
    /// is valid until the next call.
    /// </summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<ReadOnlyMemory<byte>> ReceiveAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var payload = await _reader.ReadPacketAsync(cancellationToken).ConfigureAwait(false);
            LastReceivedSequenceNumber = _reader.SequenceNumber - 1;
            if (HandleTransportMessage(payload))
            {
                continue;
            }

            if (NeedsRekey())
            {
                StartKeyExchange();
            }

            return payload;
        }
    }

    /// <summary>
    /// Sends one message (message number first). Waits while a key exchange this side started is in
    /// progress; starts one when RekeyLimit is reached.
    /// </summary>
    public async ValueTask SendAsync(ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        if (payload.Length > _writer.MaxPayloadLength)
        {
            throw new ArgumentException($"payload of {payload.Length} bytes exceeds {_writer.MaxPayloadLength}", nameof(payload));
        }

        while (true)
        {
            var gate = _kexGate;
            if (gate is not null)
            {
                await gate.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
            }

            await _sendLock.WaitAsync(cancellationToken).ConfigureAwait(false);
            if (_kexGate is not null)
            {
                ReleaseSendLock();
                continue;
            }

            try
            {
                ThrowIfSendFailed();
                await WriteOutboxLockedAsync().ConfigureAwait(false);
                if (_kexGate is not null)
                {
                    // The reader started a key exchange while we held the lock, and the drain above may
                    // have written its KEXINIT: nothing but key exchange messages may follow it (RFC 4253
                    // §7.1), so this message waits for our NEWKEYS. A KEXINIT posted after this check
                    // stays in the outbox until our message is out, which is allowed.
                    continue;
                }

                payload.Span.CopyTo(_writer.GetPayloadSpan());
                await _writer.SendAsync(payload.Length, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException or ObjectDisposedException)
            {
                FailSends(e);
                throw;
            }
            finally
            {
                ReleaseSendLock();
            }

            if (NeedsRekey())
            {
                StartKeyExchange();
            }

            return;
        }
    }

    /// <summary>Sends SSH_MSG_UNIMPLEMENTED for a received packet (RFC 4253 §11.4).</summary>
    public ValueTask SendUnimplementedAsync(uint sequenceNumber, CancellationToken cancellationToken)
    {
        var payload = new byte[5];
        payload[0] = SshMessageNumber.Unimplemented;
        BinaryPrimitives.WriteUInt32BigEndian(payload.AsSpan(1), sequenceNumber);
        return SendAsync(payload, cancellationToken);
    }

    /// <summary>Starts a key exchange now (RFC 4253 §9), unless one is already running.</summary>
    public void RequestKeyExchange() => StartKeyExchange();

    /// <summary>
    /// Sends SSH_MSG_DISCONNECT (RFC 4253 §11.1) and closes the stream. Never throws: the peer may
    /// already be gone.
    /// </summary>
    public async ValueTask DisconnectAsync(SshDisconnectReason reason, string description)
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            var payload = new byte[1 + 4 + 4 + System.Text.Encoding.UTF8.GetByteCount(description) + 4];
            var writer = new SshWriter(payload);
            writer.WriteByte(SshMessageNumber.Disconnect);
            writer.WriteUInt32((uint)reason);
            writer.WriteUtf8(description);
            writer.WriteUtf8(string.Empty);
            await _sendLock.WaitAsync(timeout.Token).ConfigureAwait(false);
            try
            {
                payload.CopyTo(_writer.GetPayloadSpan());
                await _writer.SendAsync(payload.Length, timeout.Token).ConfigureAwait(false);
                await _stream.FlushAsync(timeout.Token).ConfigureAwait(false);
            }
            finally
            {
                ReleaseSendLock();
            }
        }
#pragma warning disable CA1031 // The peer may have gone; a failed goodbye changes nothing.
        catch (Exception)
#pragma warning restore CA1031
        {
        }

        await DisposeAsync().ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _stream.DisposeAsync().ConfigureAwait(false);
        _kexGate?.TrySetException(new SshConnectionClosedException(SshDisconnectReason.ConnectionLost, "the connection closed"));
        _kex?.Dispose();
        _reader.Dispose();
        _writer.Dispose();
    }

    private static async Task<SshTransport> EstablishAsync(SshTransport transport, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(transport._settings.HandshakeTimeout);
        try
        {
            await transport.ExchangeVersionsAsync(timeout.Token).ConfigureAwait(false);
            transport.StartKeyExchange();
            // Read until the peer's NEWKEYS; then wait for ours to be written, which may finish on another task.
            while (!transport._peerFirstNewKeysSeen)
            {
                var payload = await transport._reader.ReadPacketAsync(timeout.Token).ConfigureAwait(false);
                if (!transport.HandleTransportMessage(payload))
                {
                    throw new SshProtocolException(SshDisconnectReason.ProtocolError, $"unexpected message {payload.Span[0]} before the first key exchange completed");
                }
            }

            await transport._firstExchangeCompleted.Task.WaitAsync(timeout.Token).ConfigureAwait(false);
            return transport;
        }
        catch (SshProtocolException e)
        {
            await transport.DisconnectAsync(e.Reason, e.Message).ConfigureAwait(false);
            throw;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            await transport.DisposeAsync().ConfigureAwait(false);
            throw new SshConnectionClosedException(SshDisconnectReason.ConnectionLost, "the peer did not complete the handshake in time");
        }
        catch
        {
            await transport.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private bool NeedsRekey()
    {
        if (KeyExchangeCount == 0 || _localKexInit is not null)
        {
            return false;
        }

        return _reader.BytesSinceRekey >= _settings.RekeyBytes
            || _writer.BytesSinceRekey >= _settings.RekeyBytes
            || _settings.Time.GetElapsedTime(_lastKexTimestamp) >= _settings.RekeyInterval;
    }
}
