using System.Globalization;
using Akka.Actor;
using Warren.Relay.Sessions;

namespace Warren.Relay.Channels;

/// <summary>
/// Tunnel options as the session's command (<c>ssh -R db:7000:localhost:5432 relay allow-accounts=bob</c>):
/// applied ones make the session a shell that names them in its greeting; a malformed option, or
/// one this relay does not apply yet, is reported on stderr with exit-status 2 and the session's
/// forwards are cancelled, so no tunnel serves with a guessed meaning.
/// </summary>
public sealed partial class SessionChannelActor
{
    private const uint OptionsRefusedStatus = 2;

    private IReadOnlyList<string>? _allowAccounts;

    private void StartWithOptions(bool wantReply, string commandLine)
    {
        _started = true;
        Reply(wantReply, success: true);
        if (!SessionTunnelOptions.TryRead(commandLine, out var accounts, out var problem))
        {
            RefuseOptions(problem);
            return;
        }

        // Until the connection answers, the tunnels stay owner-only, the safe side.
        _awaitingSnapshot = true;
        _allowAccounts = accounts;
        _connection.Tell(new ApplyTunnelOptions(accounts));
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
            $"warren: {problem}.\nThis session's forwards are cancelled. The option this relay applies is allow-accounts=ACCOUNT[,ACCOUNT...] (or allow-accounts=any), e.g.\n  {relay.SshCommand} -R db:7000:localhost:5432 {relay.SshHost} allow-accounts=bob,carol\n");
        Write(Ssh.Connection.ChannelExtendedData.Stderr, text);
        End(OptionsRefusedStatus);
    }
}
