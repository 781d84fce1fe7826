namespace Warren.Ssh.Keys;

/// <summary>Constants of the openssh-key-v1 container (OpenSSH PROTOCOL.key).</summary>
internal static class OpenSshKeyFormat
{
    public const string BeginMarker = "-----BEGIN OPENSSH PRIVATE KEY-----";
    public const string EndMarker = "-----END OPENSSH PRIVATE KEY-----";

    /// <summary>The cipher block size for "none": the private section is padded to a multiple of it.</summary>
    public const int UnencryptedBlockSize = 8;

    /// <summary>Base64 line width ssh-keygen writes (sshkey.c, 70 columns).</summary>
    public const int LineWidth = 70;

    /// <summary>"openssh-key-v1" followed by a NUL byte.</summary>
    public static ReadOnlySpan<byte> Magic => "openssh-key-v1\0"u8;
}
