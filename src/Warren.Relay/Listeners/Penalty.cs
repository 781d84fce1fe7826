namespace Warren.Relay.Listeners;

/// <summary>When a range's refusal ends (a <see cref="TimeProvider"/> timestamp) and whether it is enforced yet.</summary>
internal readonly record struct Penalty(long ExpiresAt, bool Active);
