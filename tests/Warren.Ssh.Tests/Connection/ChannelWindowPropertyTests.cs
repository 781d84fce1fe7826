using FsCheck.Xunit;
using Warren.Ssh.Connection;

namespace Warren.Ssh.Tests.Connection;

/// <summary>
/// Flow-control invariants over generated operation sequences. Each int is one operation: its low
/// bits choose consume, release or take-adjustment (receive side) or adjust, reserve, commit (send
/// side), the rest is the size.
/// </summary>
public sealed class ChannelWindowPropertyTests
{
    [Property(MaxTest = 500)]
    public bool ReceiveWindow_AnyOperations_KeepsItsBounds(ushort initialSeed, ushort maxPacketSeed, bool strict, int[] operations)
    {
        var initial = 1u + initialSeed * 4u;
        var maxPacket = 1u + (uint)(maxPacketSeed % (int)initial);
        var window = new ChannelReceiveWindow(initial, maxPacket, strict ? 0u : null);
        long tolerance = window.ExcessTolerance;
        long accepted = 0, released = 0, granted = 0, buffered = 0;
        foreach (var op in operations)
        {
            var size = (int)((uint)op >> 2);
            switch (op & 3)
            {
                case 0:
                case 1:
                    var length = size % (int)(maxPacket + 2);
                    var expected = length <= maxPacket && window.Window - length >= -tolerance;
                    var ok = window.TryConsume(length, out var reason);
                    if (ok != expected || (!ok && reason != SshDisconnectReason.ProtocolError))
                    {
                        return false;
                    }

                    if (ok)
                    {
                        accepted += length;
                        buffered += length;
                    }

                    break;
                case 2:
                    var release = (int)(size % (buffered + 1));
                    window.Released(release);
                    released += release;
                    buffered -= release;
                    break;
                default:
                    if (window.TryTakeAdjustment(out var grant))
                    {
                        granted += grant;
                    }

                    break;
            }

            if (window.Window < -tolerance
                || granted > released
                || accepted > initial + granted + tolerance
                || window.Window + window.Buffered + window.PendingGrant != initial
                || window.Buffered != buffered
                || window.Buffered > initial + tolerance
                || window.TotalGranted != granted
                || window.TotalConsumed != accepted)
            {
                return false;
            }
        }

        return true;
    }

    [Property(MaxTest = 500)]
    public bool ReceiveWindow_HonestPeer_NeverStallsAndNeverExceeds(ushort initialSeed, ushort maxPacketSeed, byte[] chunks)
    {
        // A peer that sends min(window it believes, max packet) and a socket that drains everything:
        // every byte eventually flows, the window is never exceeded, and memory stays under the window.
        var initial = 1u + initialSeed * 4u;
        var maxPacket = 1u + (uint)(maxPacketSeed % (int)initial);
        var window = new ChannelReceiveWindow(initial, maxPacket, excessTolerance: 0);
        long peerWindow = initial;
        long delivered = 0;
        foreach (var chunk in chunks)
        {
            var toSend = (long)chunk * 97;
            while (toSend > 0)
            {
                var length = (int)Math.Min(Math.Min(toSend, peerWindow), maxPacket);
                if (length == 0)
                {
                    return false; // the peer would wait forever
                }

                if (!window.TryConsume(length, out _) || window.Buffered > initial)
                {
                    return false;
                }

                peerWindow -= length;
                toSend -= length;
                window.Released(length);
                delivered += length;
                if (window.TryTakeAdjustment(out var grant))
                {
                    peerWindow += grant;
                }
            }
        }

        return window.TotalConsumed == delivered && peerWindow == window.Window;
    }

    [Property(MaxTest = 500)]
    public bool SendWindow_AnyOperations_NeverNegativeAndNeverOverflows(uint initial, ushort maxPacket, int[] operations, uint[] adjustments)
    {
        var window = new ChannelSendWindow(initial, maxPacket);
        long adjusted = 0, sent = 0;
        var reservations = new Stack<int>();
        var nextAdjustment = 0;
        foreach (var op in operations)
        {
            var size = (int)((uint)op >> 2);
            switch (op & 3)
            {
                case 0:
                    var bytes = adjustments.Length == 0 ? (uint)size : adjustments[nextAdjustment++ % adjustments.Length];
                    var overflows = window.Available + window.Reserved + bytes > uint.MaxValue;
                    if (window.TryAdjust(bytes, out _) == overflows)
                    {
                        return false;
                    }

                    if (!overflows)
                    {
                        adjusted += bytes;
                    }

                    break;
                case 1:
                    var before = window.Available;
                    var reserved = window.TryReserve(size % 100_000, out var granted);
                    if (granted > maxPacket || granted > size % 100_000 || granted > before || reserved != granted > 0)
                    {
                        return false;
                    }

                    if (reserved)
                    {
                        reservations.Push(granted);
                    }

                    break;
                default:
                    if (reservations.Count > 0)
                    {
                        var r = reservations.Pop();
                        var used = size % (r + 1);
                        window.Commit(r, used);
                        sent += used;
                    }

                    break;
            }

            if (window.Available < 0
                || window.Available + window.Reserved > uint.MaxValue
                || sent + window.Reserved + window.Available != initial + adjusted
                || window.TotalSent != sent)
            {
                return false;
            }
        }

        return true;
    }
}
