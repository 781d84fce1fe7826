using Warren.Ssh.Crypto;

namespace Warren.Ssh.Keys;

/// <summary>A host key whose private half can be written in the openssh-key-v1 format (PROTOCOL.key).</summary>
internal interface IOpenSshPrivateKey : IHostKey
{
    /// <summary>
    /// Writes the type-specific private fields that follow the key type string in the private
    /// section (sshkey.c <c>sshkey_private_serialize</c>), without the comment.
    /// </summary>
    void WritePrivateFields(SshBlobBuilder builder);
}
