namespace Warren.Ssh.Transport;

/// <summary>
/// The transport's own outgoing messages (key exchange, EXT_INFO, PONG). The reader posts them
/// here and never waits for a write: if both peers' readers could block on sending while both
/// TCP buffers are full of application data, neither would ever read again (the deadlock class
/// of CVE-2026-56855). Whoever holds the send lock writes the queue, in order, before releasing it.
/// </summary>
public sealed partial class SshTransport
{
    private readonly Queue<OutboxItem> _outbox = new();
    private Exception? _sendFault;

    private void Post(byte[] payload, Action? afterWrite = null)
    {
        lock (_outbox)
        {
            _outbox.Enqueue(new OutboxItem(payload, afterWrite));
        }

        _ = DrainOutboxAsync();
    }

    private async Task DrainOutboxAsync()
    {
        if (!_sendLock.Wait(0, CancellationToken.None))
        {
            // The holder drains the outbox when it releases the lock.
            return;
        }

        try
        {
            await WriteOutboxLockedAsync().ConfigureAwait(false);
        }
#pragma warning disable CA1031 // A failed write means a dead connection; the reader and senders see it through the fault.
        catch (Exception e)
#pragma warning restore CA1031
        {
            FailSends(e);
        }
        finally
        {
            ReleaseSendLock();
        }
    }

    private async ValueTask WriteOutboxLockedAsync()
    {
        while (true)
        {
            OutboxItem item;
            lock (_outbox)
            {
                if (!_outbox.TryDequeue(out item))
                {
                    return;
                }
            }

            ThrowIfSendFailed();
            item.Payload.CopyTo(_writer.GetPayloadSpan());
            await _writer.SendAsync(item.Payload.Length, CancellationToken.None).ConfigureAwait(false);
            item.AfterWrite?.Invoke();
        }
    }

    private void ReleaseSendLock()
    {
        // Whoever sends next rents again; an idle session keeps no send buffer.
        _writer.ReleaseBuffer();
        _sendLock.Release();
        bool pending;
        lock (_outbox)
        {
            pending = _outbox.Count > 0;
        }

        if (pending && _sendFault is null && _disposed == 0)
        {
            _ = DrainOutboxAsync();
        }
    }

    private void FailSends(Exception e)
    {
        _sendFault ??= e;
        _kexGate?.TrySetException(new SshConnectionClosedException(SshDisconnectReason.ConnectionLost, "the connection failed while sending: " + e.Message));
        try
        {
            // Wakes the reader, which would otherwise wait for a peer we can no longer answer.
            _stream.Dispose();
        }
        catch (IOException)
        {
        }
    }

    private void ThrowIfSendFailed()
    {
        if (_sendFault is { } fault)
        {
            throw new SshConnectionClosedException(SshDisconnectReason.ConnectionLost, "the connection failed while sending: " + fault.Message);
        }
    }

    private readonly record struct OutboxItem(byte[] Payload, Action? AfterWrite);
}
