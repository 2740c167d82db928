using Reciproca.Web.Infrastructure.Jobs;

namespace Reciproca.Web.Infrastructure.Email;

/// <summary>
/// Deletes sent and abandoned messages past <see cref="EmailOptions.Retention"/>, once an hour across all instances:
/// an hour is fine-grained next to a retention of days, and the purge is one indexed DELETE.
/// </summary>
public sealed class OutboxPurgeJob(OutboxProcessor processor, ILogger<OutboxPurgeJob> logger) : IRecurringJob
{
    public string Name => "OutboxPurge";

    public TimeSpan Period => TimeSpan.FromHours(1);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var deleted = await processor.PurgeAsync(cancellationToken);
        logger.LogDebug("Purged {Count} sent or abandoned e-mails", deleted);
    }
}
