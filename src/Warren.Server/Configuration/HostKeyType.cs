namespace Warren.Server.Configuration;

/// <summary>The host key types <c>warren keygen --type</c> makes.</summary>
internal enum HostKeyType
{
    /// <summary>ssh-ed25519.</summary>
    Ed25519,

    /// <summary>ecdsa-sha2-nistp256.</summary>
    Ecdsa,

    /// <summary>RSA, used with rsa-sha2-256/512.</summary>
    Rsa,
}
