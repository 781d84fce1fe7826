using System.Security.Cryptography;
using System.Text;

namespace Warren.Ssh.Keys;

/// <summary>Writes unencrypted openssh-key-v1 private key files and <c>.pub</c> lines.</summary>
internal static class OpenSshKeyWriter
{
    /// <summary>The PEM-armoured text of an unencrypted openssh-key-v1 file holding <paramref name="key"/>.</summary>
    public static string WritePrivateKey(IOpenSshPrivateKey key, string comment)
    {
        var blob = BuildContainer(key, comment);
        try
        {
            var base64 = Convert.ToBase64String(blob);
            var text = new StringBuilder(base64.Length + 128);
            text.Append(OpenSshKeyFormat.BeginMarker).Append('\n');
            for (var i = 0; i < base64.Length; i += OpenSshKeyFormat.LineWidth)
            {
                text.Append(base64, i, Math.Min(OpenSshKeyFormat.LineWidth, base64.Length - i)).Append('\n');
            }

            text.Append(OpenSshKeyFormat.EndMarker).Append('\n');
            return text.ToString();
        }
        finally
        {
            CryptographicOperations.ZeroMemory(blob);
        }
    }

    /// <summary>The authorized_keys-style line "type base64(blob) comment", without a newline.</summary>
    public static string WritePublicKeyLine(string keyType, ReadOnlySpan<byte> publicKeyBlob, string comment)
    {
        var line = keyType + " " + Convert.ToBase64String(publicKeyBlob);
        return string.IsNullOrEmpty(comment) ? line : line + " " + comment;
    }

    /// <summary>
    /// PROTOCOL.key: magic, string "none", string "none", string "", uint32 1, string pubkey,
    /// string private section (uint32 check x2, string type, fields, string comment, pad 1,2,3...).
    /// </summary>
    private static byte[] BuildContainer(IOpenSshPrivateKey key, string comment)
    {
        var section = new SshBlobBuilder(16384);
        var outer = new SshBlobBuilder(16384 + 1024);
        try
        {
            var check = (uint)RandomNumberGenerator.GetInt32(int.MinValue, int.MaxValue);
            section.WriteUInt32(check);
            section.WriteUInt32(check);
            section.WriteString(key.KeyType);
            key.WritePrivateFields(section);
            section.WriteString(comment);
            for (byte pad = 1; section.Length % OpenSshKeyFormat.UnencryptedBlockSize != 0; pad++)
            {
                section.WriteBytes([pad]);
            }

            outer.WriteBytes(OpenSshKeyFormat.Magic);
            outer.WriteString("none");
            outer.WriteString("none");
            outer.WriteString(ReadOnlySpan<byte>.Empty);
            outer.WriteUInt32(1);
            outer.WriteString(key.PublicKeyBlob);
            var sectionBytes = section.ToArray();
            outer.WriteString(sectionBytes);
            CryptographicOperations.ZeroMemory(sectionBytes);
            return outer.ToArray();
        }
        finally
        {
            section.Clear();
            outer.Clear();
        }
    }
}
