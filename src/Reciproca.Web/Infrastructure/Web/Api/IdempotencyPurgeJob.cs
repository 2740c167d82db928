using Reciproca.Web.Infrastructure.Jobs;

namespace Reciproca.Web.Infrastructure.Web.Api;

/// <summary>
/// Deletes idempotency records older than <see cref="ApiOptions.IdempotencyRetention"/>, once an hour across all
/// instances. A stale record is already ignored when its key comes back; the purge only keeps the table small.
/// </summary>
public sealed class IdempotencyPurgeJob(IdempotencyStore store, ILogger<IdempotencyPurgeJob> logger) : IRecurringJob
{
    public string Name => "IdempotencyPurge";

    public TimeSpan Period => TimeSpan.FromHours(1);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var deleted = await store.PurgeAsync(cancellationToken);
        logger.LogDebug("Purged {Count} expired idempotency records", deleted);
    }
}
