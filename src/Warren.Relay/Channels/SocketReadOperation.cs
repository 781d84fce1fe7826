using Warren.Ssh.Buffers;

namespace Warren.Relay.Channels;

/// <summary>
/// One read in flight, and who owns its buffer. The read task rents the buffer; when the read brings
/// data it must hand the buffer to the actor, but the actor may stop while the result is on its way.
/// Exactly one of the two sides wins this exchange, and the loser leaves the buffer alone:
/// <list type="bullet">
/// <item>the task calls <see cref="TryDeliver"/>: true, the actor owns it (it processes the result, or
/// its PostStop returns it); false, the actor has stopped and the task returns the buffer;</item>
/// <item>PostStop calls <see cref="TryAbandon"/>: true, the task will return anything it rents; false,
/// the result was delivered but will never be processed, so PostStop returns <see cref="Buffer"/>.</item>
/// </list>
/// </summary>
internal sealed class SocketReadOperation
{
    private const int Running = 0;
    private const int Delivered = 1;
    private const int Abandoned = 2;

    private int _state;

    /// <summary>The buffer the read filled; set by the task before <see cref="TryDeliver"/>.</summary>
    public PacketBuffer Buffer { get; private set; }

    /// <summary>Called by the read task with a filled buffer; false means the actor is gone and the caller returns it.</summary>
    public bool TryDeliver(PacketBuffer buffer)
    {
        Buffer = buffer;
        return Interlocked.CompareExchange(ref _state, Delivered, Running) == Running;
    }

    /// <summary>Called by PostStop; false means a delivered buffer is now the caller's to return.</summary>
    public bool TryAbandon() => Interlocked.CompareExchange(ref _state, Abandoned, Running) == Running;
}
