using Warren.Ssh.Wire;

namespace Warren.Ssh.Server;

/// <summary>Encoders for SSH_MSG_SERVICE_* (RFC 4253 §10) and SSH_MSG_USERAUTH_FAILURE (RFC 4252 §5.1).</summary>
internal static class ServiceMessages
{
    public static byte[] CreateServiceRequest(string service) => Create(SshMessageNumber.ServiceRequest, service);

    public static byte[] CreateServiceAccept(string service) => Create(SshMessageNumber.ServiceAccept, service);

    public static byte[] CreateUserAuthFailure(IReadOnlyList<string> methods, bool partialSuccess)
    {
        var list = new NameList(methods);
        var buffer = new byte[1 + 4 + list.ToString().Length + 1];
        var writer = new SshWriter(buffer);
        writer.WriteByte(SshMessageNumber.UserAuthFailure);
        writer.WriteNameList(list);
        writer.WriteBoolean(partialSuccess);
        return buffer;
    }

    /// <summary>SSH_MSG_USERAUTH_BANNER (RFC 4252 §5.4): the text, and an empty language tag.</summary>
    public static byte[] CreateBanner(string text)
    {
        var buffer = new byte[1 + 4 + System.Text.Encoding.UTF8.GetByteCount(text) + 4];
        var writer = new SshWriter(buffer);
        writer.WriteByte(SshMessageNumber.UserAuthBanner);
        writer.WriteUtf8(text);
        writer.WriteUtf8(string.Empty);
        return buffer;
    }

    private static byte[] Create(byte number, string service)
    {
        var buffer = new byte[1 + 4 + System.Text.Encoding.UTF8.GetByteCount(service)];
        var writer = new SshWriter(buffer);
        writer.WriteByte(number);
        writer.WriteUtf8(service);
        return buffer;
    }
}
