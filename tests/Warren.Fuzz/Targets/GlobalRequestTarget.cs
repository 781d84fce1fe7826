using Warren.Ssh.Connection;

namespace Warren.Fuzz.Targets;

/// <summary>
/// SSH_MSG_GLOBAL_REQUEST (RFC 4254 §4) with the request data of every request Warren serves
/// (tcpip-forward and its cancel, §7.1; streamlocal-forward@openssh.com), and the replies a
/// client role reads.
/// </summary>
internal static class GlobalRequestTarget
{
    public static void Run(ReadOnlySpan<byte> data)
    {
        if (GlobalRequest.TryRead(data, out _, out var requestData))
        {
            TcpipForwardRequest.TryReadData(requestData, out _);
            StreamLocalForwardRequest.TryReadData(requestData, out _);
        }

        RequestSuccess.TryRead(data, out _);
        RequestFailure.TryRead(data);
    }
}
