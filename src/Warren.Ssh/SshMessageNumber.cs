namespace Warren.Ssh;

/// <summary>Message numbers of RFC 4250 §4.1 and the OpenSSH extensions Warren speaks.</summary>
public static class SshMessageNumber
{
    /// <summary>SSH_MSG_DISCONNECT.</summary>
    public const byte Disconnect = 1;
    /// <summary>SSH_MSG_IGNORE.</summary>
    public const byte Ignore = 2;
    /// <summary>SSH_MSG_UNIMPLEMENTED.</summary>
    public const byte Unimplemented = 3;
    /// <summary>SSH_MSG_DEBUG.</summary>
    public const byte Debug = 4;
    /// <summary>SSH_MSG_SERVICE_REQUEST.</summary>
    public const byte ServiceRequest = 5;
    /// <summary>SSH_MSG_SERVICE_ACCEPT.</summary>
    public const byte ServiceAccept = 6;
    /// <summary>SSH_MSG_EXT_INFO (RFC 8308).</summary>
    public const byte ExtInfo = 7;
    /// <summary>SSH_MSG_KEXINIT.</summary>
    public const byte KexInit = 20;
    /// <summary>SSH_MSG_NEWKEYS.</summary>
    public const byte NewKeys = 21;
    /// <summary>First message of a key exchange method (KEXDH_INIT, KEX_ECDH_INIT).</summary>
    public const byte KexDhInit = 30;
    /// <summary>Second message of a key exchange method (KEXDH_REPLY, KEX_ECDH_REPLY).</summary>
    public const byte KexDhReply = 31;
    /// <summary>SSH_MSG_USERAUTH_REQUEST.</summary>
    public const byte UserAuthRequest = 50;
    /// <summary>SSH_MSG_USERAUTH_FAILURE.</summary>
    public const byte UserAuthFailure = 51;
    /// <summary>SSH_MSG_USERAUTH_SUCCESS.</summary>
    public const byte UserAuthSuccess = 52;
    /// <summary>SSH_MSG_USERAUTH_BANNER.</summary>
    public const byte UserAuthBanner = 53;
    /// <summary>SSH_MSG_USERAUTH_PK_OK.</summary>
    public const byte UserAuthPkOk = 60;
    /// <summary>SSH_MSG_GLOBAL_REQUEST.</summary>
    public const byte GlobalRequest = 80;
    /// <summary>SSH_MSG_REQUEST_SUCCESS.</summary>
    public const byte RequestSuccess = 81;
    /// <summary>SSH_MSG_REQUEST_FAILURE.</summary>
    public const byte RequestFailure = 82;
    /// <summary>SSH_MSG_CHANNEL_OPEN (RFC 4254 §5.1).</summary>
    public const byte ChannelOpen = 90;
    /// <summary>SSH_MSG_CHANNEL_OPEN_CONFIRMATION (RFC 4254 §5.1).</summary>
    public const byte ChannelOpenConfirmation = 91;
    /// <summary>SSH_MSG_CHANNEL_OPEN_FAILURE.</summary>
    public const byte ChannelOpenFailure = 92;
    /// <summary>SSH_MSG_CHANNEL_WINDOW_ADJUST (RFC 4254 §5.2).</summary>
    public const byte ChannelWindowAdjust = 93;
    /// <summary>SSH_MSG_CHANNEL_DATA (RFC 4254 §5.2).</summary>
    public const byte ChannelData = 94;
    /// <summary>SSH_MSG_CHANNEL_EXTENDED_DATA (RFC 4254 §5.2).</summary>
    public const byte ChannelExtendedData = 95;
    /// <summary>SSH_MSG_CHANNEL_EOF (RFC 4254 §5.3).</summary>
    public const byte ChannelEof = 96;
    /// <summary>SSH_MSG_CHANNEL_CLOSE (RFC 4254 §5.3).</summary>
    public const byte ChannelClose = 97;
    /// <summary>SSH_MSG_CHANNEL_REQUEST (RFC 4254 §5.4).</summary>
    public const byte ChannelRequest = 98;
    /// <summary>SSH_MSG_CHANNEL_SUCCESS (RFC 4254 §5.4).</summary>
    public const byte ChannelSuccess = 99;
    /// <summary>SSH_MSG_CHANNEL_FAILURE (RFC 4254 §5.4).</summary>
    public const byte ChannelFailure = 100;
    /// <summary>SSH2_MSG_PING (OpenSSH PROTOCOL §1.9).</summary>
    public const byte Ping = 192;
    /// <summary>SSH2_MSG_PONG.</summary>
    public const byte Pong = 193;
}
