using System.Text;
using Warren.Ssh.Keys;
using Warren.Ssh.Wire;

namespace Warren.Ssh.Auth;

/// <summary>
/// An OpenSSH certificate blob (PROTOCOL.certkeys; draft-miller-ssh-cert), decoded but not yet
/// trusted: nothing here checks the CA signature, the validity window or the options. Immutable.
/// </summary>
internal sealed class OpenSshCertificate
{
    /// <summary>sshkey.c SSHKEY_CERT_MAX_PRINCIPALS.</summary>
    public const int MaxPrincipals = 256;

    public const uint UserCertificate = 1;
    public const uint HostCertificate = 2;

    private OpenSshCertificate()
    {
    }

    /// <summary>The blob type, e.g. <c>ssh-ed25519-cert-v01@openssh.com</c>.</summary>
    public string Type { get; private init; } = string.Empty;

    public byte[] Nonce { get; private init; } = [];

    /// <summary>The certified key's plain type, e.g. <c>ssh-ed25519</c> or <c>ssh-rsa</c>.</summary>
    public string KeyType { get; private init; } = string.Empty;

    /// <summary>The certified key as a plain public key blob (<c>string type || key fields</c>).</summary>
    public byte[] PublicKeyBlob { get; private init; } = [];

    public ulong Serial { get; private init; }

    /// <summary>1 user, 2 host.</summary>
    public uint CertificateType { get; private init; }

    public string KeyId { get; private init; } = string.Empty;

    /// <summary>The principals, each one element (a principal may contain a comma; CVE-2026-35414).</summary>
    public IReadOnlyList<string> Principals { get; private init; } = [];

    /// <summary>Seconds since the Unix epoch, inclusive.</summary>
    public ulong ValidAfter { get; private init; }

    /// <summary>Seconds since the Unix epoch, exclusive; <see cref="ulong.MaxValue"/> means forever.</summary>
    public ulong ValidBefore { get; private init; }

    /// <summary>Critical options in blob order, duplicates kept so the validator can refuse them; data is the raw option data.</summary>
    public IReadOnlyList<KeyValuePair<string, byte[]>> CriticalOptions { get; private init; } = [];

    /// <summary>Extensions in blob order; data is the raw extension data.</summary>
    public IReadOnlyList<KeyValuePair<string, byte[]>> Extensions { get; private init; } = [];

    /// <summary>The CA's plain public key blob.</summary>
    public byte[] SignatureKey { get; private init; } = [];

    /// <summary>The CA's signature blob: <c>string algorithm, string signature</c> (plus flags and counter for sk-*).</summary>
    public byte[] Signature { get; private init; } = [];

    /// <summary>The bytes the CA signed: the blob up to and including the signature key.</summary>
    public byte[] SignedData { get; private init; } = [];

    /// <summary>
    /// Decodes a certificate blob. Returns false, never throws, on any malformed, truncated or
    /// over-long input, an unknown type, a chained CA (a certificate as signature key), an invalid
    /// certificate type, or trailing bytes. Every length is checked against the remaining input
    /// before anything is allocated from it.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> blob, out OpenSshCertificate? certificate)
    {
        certificate = null;
        var reader = new SshReader(blob);
        if (!PlainKeyBlob.TryReadType(blob, out var type) || CertificateAlgorithms.PlainKeyTypeOf(type) is not { } keyType)
        {
            return false;
        }

        reader.TryReadString(out _);
        if (!reader.TryReadString(out var nonce))
        {
            return false;
        }

        var keyStart = reader.Position;
        if (!PlainKeyBlob.TrySkipKeyFields(ref reader, keyType))
        {
            return false;
        }

        var keyFields = blob[keyStart..reader.Position];
        if (!reader.TryReadUInt64(out var serial)
            || !reader.TryReadUInt32(out var certType)
            || !reader.TryReadString(out var keyIdBytes)
            || !reader.TryReadString(out var principalBytes)
            || !reader.TryReadUInt64(out var validAfter)
            || !reader.TryReadUInt64(out var validBefore)
            || !reader.TryReadString(out var criticalBytes)
            || !reader.TryReadString(out var extensionBytes)
            || !reader.TryReadString(out _))
        {
            return false;
        }

        if (certType is not (UserCertificate or HostCertificate) || !TryDecodeText(keyIdBytes, out var keyId))
        {
            return false;
        }

        if (!TryParsePrincipals(principalBytes, out var principals)
            || !TryParseOptions(criticalBytes, out var critical)
            || !TryParseOptions(extensionBytes, out var extensions))
        {
            return false;
        }

        // Chained certificates are not supported (PROTOCOL.certkeys): the CA must be a plain key.
        if (!reader.TryReadString(out var signatureKey) || !PlainKeyBlob.IsWellFormed(signatureKey))
        {
            return false;
        }

        var signedLength = reader.Position;
        if (!reader.TryReadString(out var signature) || reader.Remaining != 0)
        {
            return false;
        }

        certificate = new OpenSshCertificate
        {
            Type = type,
            Nonce = nonce.ToArray(),
            KeyType = keyType,
            PublicKeyBlob = BuildPlainBlob(keyType, keyFields),
            Serial = serial,
            CertificateType = certType,
            KeyId = keyId,
            Principals = principals,
            ValidAfter = validAfter,
            ValidBefore = validBefore,
            CriticalOptions = critical,
            Extensions = extensions,
            SignatureKey = signatureKey.ToArray(),
            Signature = signature.ToArray(),
            SignedData = blob[..signedLength].ToArray(),
        };
        return true;
    }

    /// <summary>The key fields in a certificate are encoded exactly as after the type in a plain blob.</summary>
    private static byte[] BuildPlainBlob(string keyType, ReadOnlySpan<byte> keyFields)
    {
        var builder = new SshBlobBuilder(keyType.Length + 4 + keyFields.Length);
        builder.WriteString(keyType);
        builder.WriteBytes(keyFields);
        return builder.ToArray();
    }

    /// <summary>Packed strings, each a principal; OpenSSH reads them as C strings, so NUL is refused.</summary>
    private static bool TryParsePrincipals(ReadOnlySpan<byte> packed, out List<string> principals)
    {
        principals = [];
        var reader = new SshReader(packed);
        while (reader.Remaining > 0)
        {
            if (principals.Count >= MaxPrincipals || !reader.TryReadString(out var raw) || !TryDecodeText(raw, out var principal))
            {
                return false;
            }

            principals.Add(principal);
        }

        return true;
    }

    /// <summary>Packed (string name, string data) pairs; names are non-empty text.</summary>
    private static bool TryParseOptions(ReadOnlySpan<byte> packed, out List<KeyValuePair<string, byte[]>> options)
    {
        options = [];
        var reader = new SshReader(packed);
        while (reader.Remaining > 0)
        {
            if (!reader.TryReadString(out var rawName)
                || rawName.Length == 0
                || !TryDecodeText(rawName, out var name)
                || !reader.TryReadString(out var data))
            {
                return false;
            }

            options.Add(new KeyValuePair<string, byte[]>(name, data.ToArray()));
        }

        return true;
    }

    private static bool TryDecodeText(ReadOnlySpan<byte> raw, out string text)
    {
        text = string.Empty;
        if (raw.Contains((byte)0) || !System.Text.Unicode.Utf8.IsValid(raw))
        {
            return false;
        }

        text = Encoding.UTF8.GetString(raw);
        return true;
    }
}
