using System.Threading.RateLimiting;

namespace Warren.Relay.Edge;

/// <summary>
/// The request rate of each tunnel at this node's HTTP edge (<c>--edge-requests-per-second</c>,
/// <c>--edge-request-burst</c>): a token bucket per tunnel name, from .NET's rate limiters
/// (partitions that stay idle are dropped by them). Off when the rate is 0. Per node: in a
/// cluster each node keeps its own buckets. Thread-safe.
/// </summary>
internal sealed class EdgeRateLimit : IDisposable
{
    private readonly PartitionedRateLimiter<string>? _limiter;

    public EdgeRateLimit(int requestsPerSecond, int burst)
    {
        if (requestsPerSecond <= 0)
        {
            return;
        }

        // Tokens come back ten times a second when the rate allows whole tokens at that pace, else
        // one token per 1/rate seconds; the bucket holds the burst.
        var tenths = requestsPerSecond >= 10;
        var options = new TokenBucketRateLimiterOptions
        {
            TokenLimit = burst > 0 ? burst : requestsPerSecond,
            TokensPerPeriod = tenths ? (requestsPerSecond + 9) / 10 : 1,
            ReplenishmentPeriod = tenths ? TimeSpan.FromMilliseconds(100) : TimeSpan.FromSeconds(1.0 / requestsPerSecond),
            QueueLimit = 0,
            AutoReplenishment = true,
        };
        _limiter = PartitionedRateLimiter.Create<string, string>(name => RateLimitPartition.GetTokenBucketLimiter(name, _ => options));
    }

    /// <summary>True when tunnel <paramref name="name"/> may take one more request now; else <paramref name="retryAfter"/> says when to try again.</summary>
    public bool TryAcquire(string name, out TimeSpan retryAfter)
    {
        retryAfter = TimeSpan.Zero;
        if (_limiter is null)
        {
            return true;
        }

        using var lease = _limiter.AttemptAcquire(name);
        if (lease.IsAcquired)
        {
            return true;
        }

        retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : TimeSpan.FromSeconds(1);
        return false;
    }

    public void Dispose() => _limiter?.Dispose();
}
