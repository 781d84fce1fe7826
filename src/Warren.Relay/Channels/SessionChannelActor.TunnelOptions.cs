using System.Globalization;
using Akka.Actor;
using Warren.Relay.Edge;
using Warren.Relay.Sessions;

namespace Warren.Relay.Channels;

/// <summary>
/// Tunnel options as the session's command (<c>ssh -R web:80:localhost:3000 relay auth=alice:s3cret</c>):
/// applied ones make the session a shell that names them in its greeting; a malformed option, or
/// one this relay cannot honour, is reported on stderr with exit-status 2 and the session's
/// forwards are cancelled, so no tunnel serves with a guessed meaning.
/// </summary>
public sealed partial class SessionChannelActor
{
    private const uint OptionsRefusedStatus = 2;

    private EdgeTunnelOptions? _tunnelOptions;

    private void StartWithOptions(bool wantReply, string commandLine)
    {
        _started = true;
        Reply(wantReply, success: true);
        if (!SessionTunnelOptions.TryRead(commandLine, _context.Relay.HttpsAtEdge, out var options, out var problem))
        {
            RefuseOptions(problem);
            return;
        }

        // Until the connection answers, the tunnels are not routed (or stay owner-only), the safe side.
        _awaitingSnapshot = true;
        _tunnelOptions = options;
        _connection.Tell(new ApplyTunnelOptions(options));
    }

    private void RefuseOptions(string problem)
    {
        if (_ending || _closeSent)
        {
            return;
        }

        // The forwards go first, so none serves while the client reads why.
        _connection.Tell(new RefuseTunnelOptions(problem));
        _awaitingSnapshot = false;
        var relay = _context.Relay;
        var text = string.Create(
            CultureInfo.InvariantCulture,
            $"warren: {problem}.\nThis session's forwards are cancelled. Tunnel options: auth=USER:PASSWORD allow=CIDR[,CIDR...] forwarded=off host-header=HOST proxy-protocol=1|2 force-https allow-accounts=ACCOUNT[,ACCOUNT...]|any bind=pool|replace, e.g.\n  {relay.SshCommand} -R web:80:localhost:3000 {relay.SshHost} auth=alice:s3cret allow=203.0.113.0/24\n  {relay.SshCommand} -R db:7000:localhost:5432 {relay.SshHost} allow-accounts=bob,carol\n");
        Write(Ssh.Connection.ChannelExtendedData.Stderr, text);
        End(OptionsRefusedStatus);
    }
}
