using Warren.Ssh.Auth;

namespace Warren.Relay.Forwarding;

/// <summary>
/// Decides whether a login may ask for a tcpip-forward (ssh -R): refused for keys without port
/// forwarding (<c>restrict</c>, <c>no-port-forwarding</c>, certificates without
/// <c>permit-port-forwarding</c>), refused for ports above 65535, and limited to the key's
/// <c>permitlisten</c> entries when it has any (see <see cref="PermitListenEntry"/>). Whether the
/// name is free and the port can be bound is the tunnel registry's business, after this.
/// </summary>
/// <remarks>Stateless; safe to call from any thread.</remarks>
public static class ListenPolicy
{
    /// <summary>Decides one tcpip-forward request.</summary>
    /// <param name="permissions">What the login grants.</param>
    /// <param name="bindAddress">"address to bind" exactly as sent: "", "localhost", "0.0.0.0" or a tunnel name.</param>
    /// <param name="port">"port to bind" as sent (uint32 on the wire); 0 asks for an allocated port.</param>
    public static ListenDecision Decide(KeyPermissions permissions, string bindAddress, uint port)
    {
        ArgumentNullException.ThrowIfNull(permissions);
        ArgumentNullException.ThrowIfNull(bindAddress);
        if (!permissions.PortForwarding)
        {
            return ListenDecision.Refused(ForwardingRefusals.ForwardingDisabled);
        }

        if (port > 65535)
        {
            return ListenDecision.Refused($"port {port} is out of range; a listen port is 0 (any) to 65535");
        }

        if (permissions.PermitListen is not { } entries)
        {
            return ListenDecision.Allowed;
        }

        var portNumber = (int)port;
        foreach (var text in entries)
        {
            if (PermitListenEntry.TryParse(text, out var entry) && entry.Matches(bindAddress, portNumber))
            {
                return ListenDecision.Allowed;
            }
        }

        var shown = HostPortText.Printable(HostPortText.Format(bindAddress.Length == 0 ? "*" : bindAddress, port));
        return ListenDecision.Refused($"this key's permitlisten= does not allow {shown}; it allows {ForwardingRefusals.Listing(entries)}");
    }
}
