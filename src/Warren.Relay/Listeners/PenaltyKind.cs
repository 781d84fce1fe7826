namespace Warren.Relay.Listeners;

/// <summary>Why a source address is penalised (the events of OpenSSH 9.8's PerSourcePenalties).</summary>
public enum PenaltyKind
{
    /// <summary>The connection made failed authentication attempts (sshd "authfail").</summary>
    AuthenticationFailure,

    /// <summary>The connection was still unauthenticated when LoginGraceTime ran out (sshd "grace-exceeded").</summary>
    GraceTimeExceeded,

    /// <summary>The client broke the protocol before authenticating (sshd's nearest is "crash").</summary>
    ProtocolViolation,
}
