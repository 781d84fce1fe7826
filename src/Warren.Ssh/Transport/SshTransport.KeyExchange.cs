using System.Security.Cryptography;
using Warren.Ssh.Crypto;
using Warren.Ssh.Crypto.Ciphers;
using Warren.Ssh.Crypto.Kex;
using Warren.Ssh.Keys;
using Warren.Ssh.Wire;

namespace Warren.Ssh.Transport;

/// <summary>
/// Key exchange, either side (RFC 4253 §7–8). One exchange runs like this:
/// <code>
///   idle --send KEXINIT--> waiting for peer KEXINIT --recv KEXINIT--> negotiated
///   negotiated --client: send INIT / server: recv INIT, send REPLY--> keys derived
///   keys derived --send NEWKEYS (outgoing keys switch), recv NEWKEYS (incoming keys switch)--> idle
/// </code>
/// While this side's KEXINIT is out and its NEWKEYS is not, <see cref="_kexGate"/> holds application sends back.
/// </summary>
public sealed partial class SshTransport
{
    private static readonly string[] DefaultHostKeyAlgorithms =
    [
        "ssh-ed25519", "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521", "rsa-sha2-512", "rsa-sha2-256",
    ];

    private static readonly TimeSpan BookkeepingWait = TimeSpan.FromSeconds(30);

    private readonly object _kexLock = new();
    private readonly TaskCompletionSource _firstExchangeCompleted = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile TaskCompletionSource? _kexGate;
    private KexInitMessage? _localKexInit;
    private KexInitMessage? _remoteKexInit;
    private IKeyExchange? _kex;
    private bool _skipGuessedPacket;
    private bool _newKeysSent;
    private bool _newKeysReceived;

    // Owned by the reader alone: the peer's side of the exchange runs from its KEXINIT to its NEWKEYS.
    private bool _peerKexOpen;
    private bool _peerFirstNewKeysSeen;
    private IPacketCipher? _pendingIncomingCipher;
    private bool _peerWantsExtInfo;
    private long _lastKexTimestamp;
    private int _packetsBeforePeerKexInit;
    private PeerRekeyBudget? _peerRekeys;

    /// <summary>Default host key signature algorithms, best first.</summary>
    public static IReadOnlyList<string> SupportedHostKeyAlgorithms => DefaultHostKeyAlgorithms;

    private bool InitialKex => KeyExchangeCount == 0;

    private void StartKeyExchange()
    {
        lock (_kexLock)
        {
            SendKexInitLocked();
        }
    }

    private void SendKexInitLocked()
    {
        if (_localKexInit is not null)
        {
            return;
        }

        var kex = new List<string>(_settings.KexAlgorithms ?? KeyExchangeFactory.SupportedAlgorithms);
        if (InitialKex)
        {
            // Pseudo-algorithms count only in the first KEXINIT (RFC 8308 §2.1, OpenSSH PROTOCOL kex-strict).
            kex.Add(_role == SshRole.Server ? AlgorithmNegotiation.ExtInfoServer : AlgorithmNegotiation.ExtInfoClient);
            kex.Add(_role == SshRole.Server ? AlgorithmNegotiation.StrictKexServer : AlgorithmNegotiation.StrictKexClient);
        }

        var message = KexInitMessage.Create(
            kex,
            OfferedHostKeyAlgorithms(),
            _settings.Ciphers ?? PacketCipherFactory.SupportedCiphers,
            _settings.Macs ?? PacketCipherFactory.SupportedMacs);
        _kexGate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _localKexInit = message;
        Post(message.Payload);
        if (_remoteKexInit is not null)
        {
            BeginNegotiatedExchangeLocked();
        }
    }

    private List<string> OfferedHostKeyAlgorithms()
    {
        var wanted = _settings.HostKeyAlgorithms ?? DefaultHostKeyAlgorithms;
        if (_role == SshRole.Client)
        {
            return new List<string>(wanted);
        }

        var offered = new List<string>();
        foreach (var algorithm in wanted)
        {
            if (FindHostKey(algorithm) is not null)
            {
                offered.Add(algorithm);
            }
        }

        return offered;
    }

    private IHostKey? FindHostKey(string algorithm)
    {
        foreach (var key in _hostKeys)
        {
            foreach (var supported in key.SignatureAlgorithms)
            {
                if (supported == algorithm)
                {
                    return key;
                }
            }
        }

        return null;
    }

    private void OnKexInit(ReadOnlyMemory<byte> payload)
    {
        if (_peerKexOpen)
        {
            throw new SshProtocolException(SshDisconnectReason.ProtocolError, "a second KEXINIT during one key exchange");
        }

        if (Volatile.Read(ref _remoteKexInit) is not null)
        {
            // The peer saw our NEWKEYS and starts the next exchange before the task that wrote it has
            // finished its bookkeeping. That takes microseconds once the task runs, but its
            // continuation waits for a pool thread, which on a starved two-core machine took more
            // than the 5 s this once allowed (the exchange then failed as "a second KEXINIT").
            SpinWait.SpinUntil(() => Volatile.Read(ref _remoteKexInit) is null, BookkeepingWait);
        }

        if (Volatile.Read(ref _remoteKexInit) is not null)
        {
            throw new SshProtocolException(SshDisconnectReason.ProtocolError, "the peer started a key exchange before ours had finished writing its NEWKEYS");
        }

        if (!KexInitMessage.TryRead(payload.Span, out var message) || message is null)
        {
            throw new SshProtocolException(SshDisconnectReason.ProtocolError, "malformed KEXINIT");
        }

        if (!_peerFirstNewKeysSeen)
        {
            var peerStrict = message.KexAlgorithms.Contains(_role == SshRole.Server ? AlgorithmNegotiation.StrictKexClient : AlgorithmNegotiation.StrictKexServer);
            IsStrictKex = peerStrict;
            _peerWantsExtInfo = _role == SshRole.Server && message.KexAlgorithms.Contains(AlgorithmNegotiation.ExtInfoClient);
            if (IsStrictKex && _packetsBeforePeerKexInit > 0)
            {
                throw new SshProtocolException(SshDisconnectReason.ProtocolError, "strict KEX violation: KEXINIT was not the first packet");
            }
        }

        // Under the kex lock: a sender starting a rekey must see either no peer KEXINIT or this one.
        lock (_kexLock)
        {
            if (!InitialKex && _localKexInit is null)
            {
                _peerRekeys ??= new PeerRekeyBudget(_settings);
                if (!_peerRekeys.TrySpend(_reader.BytesSinceRekey + _writer.BytesSinceRekey))
                {
                    throw new SshProtocolException(
                        SshDisconnectReason.ProtocolError,
                        $"key exchanges started too often: more than {_settings.PeerRekeyBurst} with almost no traffic in between");
                }
            }

            _remoteKexInit = message;
            _peerKexOpen = true;
            if (_localKexInit is null)
            {
                SendKexInitLocked();
            }
            else
            {
                BeginNegotiatedExchangeLocked();
            }
        }
    }

    private void BeginNegotiatedExchangeLocked()
    {
        var client = _role == SshRole.Client ? _localKexInit! : _remoteKexInit!;
        var server = _role == SshRole.Server ? _localKexInit! : _remoteKexInit!;
        var algorithms = AlgorithmNegotiation.Negotiate(client, server);
        Algorithms = algorithms;
        _skipGuessedPacket = _remoteKexInit!.FirstKexPacketFollows && !AlgorithmNegotiation.GuessIsRight(client, server);
        _kex?.Dispose();
        _kex = KeyExchangeFactory.Create(algorithms.Kex);
        if (_role == SshRole.Client)
        {
            var value = _kex.CreateClientValue();
            var payload = new byte[1 + 4 + value.Length];
            var writer = new SshWriter(payload);
            writer.WriteByte(SshMessageNumber.KexDhInit);
            writer.WriteString(value);
            _clientValue = value;
            Post(payload);
        }
    }

    private byte[] _clientValue = [];

    private void OnKexMethodMessage(ReadOnlyMemory<byte> payload)
    {
        if (_kex is null || Algorithms is null)
        {
            throw new SshProtocolException(SshDisconnectReason.ProtocolError, $"key exchange message {payload.Span[0]} outside a key exchange");
        }

        if (_skipGuessedPacket)
        {
            // RFC 4253 §7: a wrongly guessed first packet is ignored.
            _skipGuessedPacket = false;
            return;
        }

        var number = payload.Span[0];
        if (_role == SshRole.Server && number == SshMessageNumber.KexDhInit)
        {
            OnClientKexValue(payload);
        }
        else if (_role == SshRole.Client && number == SshMessageNumber.KexDhReply)
        {
            OnServerKexReply(payload);
        }
        else
        {
            throw new SshProtocolException(SshDisconnectReason.ProtocolError, $"unexpected key exchange message {number}");
        }
    }

    private void OnClientKexValue(ReadOnlyMemory<byte> payload)
    {
        var reader = new SshReader(payload.Span[1..]);
        if (!reader.TryReadString(out var clientValue) || reader.Remaining != 0)
        {
            throw new SshProtocolException(SshDisconnectReason.ProtocolError, "malformed key exchange init");
        }

        if (!_kex!.TryRespond(clientValue, out var serverValue, out var sharedSecret))
        {
            throw new SshProtocolException(SshDisconnectReason.KeyExchangeFailed, "the client's key exchange value is invalid");
        }

        var hostKey = FindHostKey(Algorithms!.HostKey)!;
        var exchangeHash = ComputeExchangeHash(hostKey.PublicKeyBlob, clientValue, serverValue, sharedSecret);
        var signature = hostKey.Sign(Algorithms.HostKey, exchangeHash);

        var reply = new byte[1 + 4 + hostKey.PublicKeyBlob.Length + 4 + serverValue.Length + 4 + signature.Length];
        var writer = new SshWriter(reply);
        writer.WriteByte(SshMessageNumber.KexDhReply);
        writer.WriteString(hostKey.PublicKeyBlob);
        writer.WriteString(serverValue);
        writer.WriteString(signature);
        lock (_kexLock)
        {
            Post(reply);
            SendNewKeysLocked(sharedSecret, exchangeHash);
        }
    }

    private void OnServerKexReply(ReadOnlyMemory<byte> payload)
    {
        var reader = new SshReader(payload.Span[1..]);
        if (!reader.TryReadString(out var hostKeyBlob) || !reader.TryReadString(out var serverValue)
            || !reader.TryReadString(out var signature) || reader.Remaining != 0)
        {
            throw new SshProtocolException(SshDisconnectReason.ProtocolError, "malformed key exchange reply");
        }

        if (!_kex!.TryComplete(serverValue, out var sharedSecret))
        {
            throw new SshProtocolException(SshDisconnectReason.KeyExchangeFailed, "the server's key exchange value is invalid");
        }

        var exchangeHash = ComputeExchangeHash(hostKeyBlob, _clientValue, serverValue, sharedSecret);
        if (!SignatureVerifier.Verify(hostKeyBlob, signature, exchangeHash, Algorithms!.HostKey))
        {
            throw new SshProtocolException(SshDisconnectReason.KeyExchangeFailed, "the server's host key signature is invalid");
        }

        var blob = hostKeyBlob.ToArray();
        if (ServerHostKey.Length > 0 && !ServerHostKey.AsSpan().SequenceEqual(blob) && !_hostKeyValidator!(blob))
        {
            throw new SshProtocolException(SshDisconnectReason.HostKeyNotVerifiable, "the server's host key changed and was refused");
        }

        if (ServerHostKey.Length == 0 && !_hostKeyValidator!(blob))
        {
            throw new SshProtocolException(SshDisconnectReason.HostKeyNotVerifiable, "the server's host key was refused");
        }

        ServerHostKey = blob;
        lock (_kexLock)
        {
            SendNewKeysLocked(sharedSecret, exchangeHash);
        }
    }

    private byte[] ComputeExchangeHash(ReadOnlySpan<byte> hostKeyBlob, ReadOnlySpan<byte> clientValue, ReadOnlySpan<byte> serverValue, byte[] sharedSecret)
    {
        var clientId = System.Text.Encoding.ASCII.GetBytes(_role == SshRole.Client ? LocalIdentification : RemoteIdentification);
        var serverId = System.Text.Encoding.ASCII.GetBytes(_role == SshRole.Server ? LocalIdentification : RemoteIdentification);
        var clientInit = (_role == SshRole.Client ? _localKexInit! : _remoteKexInit!).Payload;
        var serverInit = (_role == SshRole.Server ? _localKexInit! : _remoteKexInit!).Payload;
        using var hash = IncrementalHash.CreateHash(_kex!.HashAlgorithm);
        AppendString(hash, clientId);
        AppendString(hash, serverId);
        AppendString(hash, clientInit);
        AppendString(hash, serverInit);
        AppendString(hash, hostKeyBlob);
        AppendString(hash, clientValue);
        AppendString(hash, serverValue);
        hash.AppendData(sharedSecret);
        var exchangeHash = hash.GetHashAndReset();
        if (SessionId.Length == 0)
        {
            SessionId = exchangeHash;
        }

        return exchangeHash;
    }

    private static void AppendString(IncrementalHash hash, ReadOnlySpan<byte> value)
    {
        Span<byte> length = stackalloc byte[4];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(length, (uint)value.Length);
        hash.AppendData(length);
        hash.AppendData(value);
    }

    private void SendNewKeysLocked(byte[] sharedSecret, byte[] exchangeHash)
    {
        var algorithms = Algorithms!;
        var hashName = _kex!.HashAlgorithm;
        var outgoing = CreateCipher(hashName, sharedSecret, exchangeHash, algorithms, clientToServer: _role == SshRole.Client);
        _pendingIncomingCipher?.Dispose();
        _pendingIncomingCipher = CreateCipher(hashName, sharedSecret, exchangeHash, algorithms, clientToServer: _role == SshRole.Server);
        CryptographicOperations.ZeroMemory(sharedSecret);

        // The new keys apply from the packet after NEWKEYS (RFC 4253 §7.3), so they switch once it is written.
        var initial = InitialKex;
        Post([SshMessageNumber.NewKeys], () => OnNewKeysWritten(outgoing));
        if (initial && _peerWantsExtInfo)
        {
            // RFC 8308 §2.4: the first message after the server's first NEWKEYS.
            Post(ExtInfo.CreateServerPayload());
        }
    }

    // Runs on whichever task writes the outbox, right after NEWKEYS left, before anything else is written.
    private void OnNewKeysWritten(IPacketCipher outgoing)
    {
        _writer.SetCipher(outgoing);

        // The new keys' byte count starts with them (RFC 4253 §9): bytes sent while the peer's NEWKEYS
        // is still on its way count toward the next rekey, not toward nothing.
        _writer.BytesSinceRekey = 0;
        if (IsStrictKex)
        {
            _writer.ResetSequenceNumber();
        }

        lock (_kexLock)
        {
            _newKeysSent = true;
            var gate = _kexGate;
            _kexGate = null;
            while (_queuedPongs.TryDequeue(out var pong))
            {
                Post(pong);
            }

            gate?.TrySetResult();
            CompleteExchangeIfDone();
        }
    }

    private IPacketCipher CreateCipher(HashAlgorithmName hash, byte[] k, byte[] h, NegotiatedAlgorithms algorithms, bool clientToServer)
    {
        var cipher = clientToServer ? algorithms.CipherClientToServer : algorithms.CipherServerToClient;
        var mac = clientToServer ? algorithms.MacClientToServer : algorithms.MacServerToClient;
        var iv = KeyDerivation.Derive(hash, k, h, clientToServer ? 'A' : 'B', SessionId, PacketCipherFactory.IvSize(cipher));
        var key = KeyDerivation.Derive(hash, k, h, clientToServer ? 'C' : 'D', SessionId, PacketCipherFactory.KeySize(cipher));
        var macKey = mac is null ? [] : KeyDerivation.Derive(hash, k, h, clientToServer ? 'E' : 'F', SessionId, PacketCipherFactory.MacKeySize(mac));
        try
        {
            return PacketCipherFactory.Create(cipher, mac, key, iv, macKey);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(iv);
            CryptographicOperations.ZeroMemory(key);
            CryptographicOperations.ZeroMemory(macKey);
        }
    }

    private void OnNewKeys()
    {
        if (_pendingIncomingCipher is null)
        {
            throw new SshProtocolException(SshDisconnectReason.ProtocolError, "NEWKEYS before the key exchange produced keys");
        }

        _reader.SetCipher(_pendingIncomingCipher);
        _pendingIncomingCipher = null;
        _reader.BytesSinceRekey = 0;
        if (IsStrictKex)
        {
            _reader.ResetSequenceNumber();
        }

        _peerKexOpen = false;
        _expectPeerExtInfo = !_peerFirstNewKeysSeen;
        _peerFirstNewKeysSeen = true;
        lock (_kexLock)
        {
            _newKeysReceived = true;
            CompleteExchangeIfDone();
        }
    }

    private void CompleteExchangeIfDone()
    {
        if (!_newKeysSent || !_newKeysReceived)
        {
            return;
        }

        _newKeysSent = false;
        _newKeysReceived = false;
        _localKexInit = null;
        _remoteKexInit = null;
        _kex?.Dispose();
        _kex = null;
        _lastKexTimestamp = _settings.Time.GetTimestamp();
        KeyExchangeCount++;
        _firstExchangeCompleted.TrySetResult();
    }
}
