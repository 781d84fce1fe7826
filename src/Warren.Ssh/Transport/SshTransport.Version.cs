using System.Text;

namespace Warren.Ssh.Transport;

public sealed partial class SshTransport
{
    // RFC 4253 §4.2: the identification line is at most 255 bytes with CR LF.
    private const int MaxIdentificationLength = 253;

    // OpenSSH's limits for lines a server may send before its identification (ssh.h).
    private const int MaxPreambleLineLength = 8192;
    private const int MaxPreambleLines = 1024;

    private async Task ExchangeVersionsAsync(CancellationToken cancellationToken)
    {
        var ours = Encoding.ASCII.GetBytes(LocalIdentification + "\r\n");
        await _writer.WriteRawAsync(ours, cancellationToken).ConfigureAwait(false);

        for (var lines = 0; ; lines++)
        {
            var line = await _reader.ReadLineAsync(MaxPreambleLineLength, cancellationToken).ConfigureAwait(false);
            if (line.StartsWith("SSH-", StringComparison.Ordinal))
            {
                RemoteIdentification = CheckIdentification(line);
                return;
            }

            // Only a server may send lines before its identification (RFC 4253 §4.2); sshd refuses them from clients too.
            if (_role == SshRole.Server || lines >= MaxPreambleLines)
            {
                await RefuseIdentificationAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static string CheckIdentification(string line)
    {
        if (line.Length > MaxIdentificationLength)
        {
            throw new SshProtocolException(SshDisconnectReason.ProtocolError, "identification line too long");
        }

        foreach (var c in line)
        {
            if (c < 0x20 || c > 0x7e)
            {
                throw new SshProtocolException(SshDisconnectReason.ProtocolError, "identification line has characters outside printable US-ASCII");
            }
        }

        if (!line.StartsWith("SSH-2.0-", StringComparison.Ordinal) && !line.StartsWith("SSH-1.99-", StringComparison.Ordinal))
        {
            throw new SshProtocolException(SshDisconnectReason.ProtocolVersionNotSupported, "only SSH protocol version 2.0 is supported");
        }

        return line;
    }

    private async Task RefuseIdentificationAsync(CancellationToken cancellationToken)
    {
        // Before keys exist a peer that does not speak SSH understands text better than a packet.
        var text = Encoding.ASCII.GetBytes("Invalid SSH identification string.\r\n");
        try
        {
            await _writer.WriteRawAsync(text, cancellationToken).ConfigureAwait(false);
        }
        catch (IOException)
        {
        }

        await DisposeAsync().ConfigureAwait(false);
        throw new SshConnectionClosedException(SshDisconnectReason.ProtocolError, "the peer did not send an SSH identification string");
    }
}
