using Microsoft.EntityFrameworkCore;
using Reciproca.Web.Infrastructure.Data;
using Reciproca.Web.Infrastructure.Jobs;
using Reciproca.Web.Infrastructure.Notifications;

namespace Reciproca.Web.Infrastructure.DueWork;

/// <summary>
/// Handles the due items, once across instances (ADR 0020). A batch is claimed with a lease (<see cref="Leases"/>); each
/// claimed item is then handled in a scope of its own: its handler's notices are queued (in-app rows and outbox
/// e-mails) and the item is marked done in one <c>SaveChanges</c>, which also checks that the claim is still ours. So
/// a notice exists exactly when its item is done: an instance that dies mid-batch leaves the items it had not finished
/// claimed and undone, and they are handled when its lease runs out (or at once when it starts again); one whose
/// lease ran out while it worked saves nothing, because the instance that took the item over changed the claim token.
/// </summary>
public sealed class DueWorkProcessor(IServiceScopeFactory scopes, TimeProvider time, InstanceIdentity instance, ILogger<DueWorkProcessor> logger)
{
    public const int BatchSize = 100;

    public const int MaxAttempts = 5;

    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);

    /// <summary>Claims one batch of due items and handles them; returns how many it claimed (0: nothing is due).</summary>
    public async Task<int> RunDueAsync(CancellationToken cancellationToken)
    {
        List<(Guid Id, Guid Token)> claimed;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var now = time.GetUtcNow().UtcDateTime;
            var rows = await Leases.ClaimAsync(
                db.DueItems, d => d.DoneUtc == null && d.DueUtc <= now, d => d.Id, d => d.DueUtc, BatchSize, now, Lease, instance.Name, cancellationToken);
            claimed = [.. rows.Select(r => (r.Id, r.ClaimToken!.Value))];
        }

        foreach (var (id, token) in claimed)
        {
            await HandleAsync(id, token, cancellationToken);
        }

        return claimed.Count;
    }

    /// <summary>Handles everything due now, batch after batch; returns how many items were claimed in all.</summary>
    public async Task<int> RunAllDueAsync(CancellationToken cancellationToken)
    {
        var total = 0;
        int count;
        while ((count = await RunDueAsync(cancellationToken)) > 0)
        {
            total += count;
        }

        return total;
    }

    /// <summary>Gives up this instance's claims left by a crash (called once at start, like the outbox does).</summary>
    public async Task<int> ReleaseOwnClaimsAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return await Leases.ReleaseClaimsOfAsync(db.DueItems, instance.Name, cancellationToken);
    }

    private async Task HandleAsync(Guid id, Guid token, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<AppDbContext>();
        var item = await db.DueItems.SingleOrDefaultAsync(d => d.Id == id && d.ClaimToken == token, cancellationToken);
        if (item is null)
        {
            // Deleted (the session was cancelled and its reminders with it) or taken over since the claim.
            return;
        }

        var handler = services.GetServices<IDueWorkHandler>().FirstOrDefault(h => h.Kinds.Contains(item.Kind));
        if (handler is null)
        {
            // A kind this version does not know (written by a newer instance during a rolling deployment): left to that one.
            logger.LogWarning("No handler for due item kind {Kind}; left for an instance that knows it", item.Kind);
            item.DueUtc = time.GetUtcNow().UtcDateTime + Lease;
            await SaveAsync(db, item, cancellationToken);
            return;
        }

        try
        {
            var notices = await handler.NoticesAsync(item, cancellationToken);
            if (notices.Count > 0)
            {
                await services.GetRequiredService<INotifier>().NotifyAsync(notices, cancellationToken);
            }

            Done(item, notices.Count == 0 ? DueOutcome.Skipped : DueOutcome.Sent);
            await SaveAsync(db, item, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException and not DbUpdateConcurrencyException)
        {
            logger.LogWarning(exception, "Due item {Kind} {Id} failed (attempt {Attempt})", item.Kind, item.Id, item.Attempts + 1);
            await RecordFailureAsync(id, token, exception, cancellationToken);
        }
    }

    private void Done(DueItem item, DueOutcome outcome)
    {
        item.DoneUtc = time.GetUtcNow().UtcDateTime;
        item.Outcome = outcome;
        item.DoneBy = instance.Name;
        item.Attempts++;
        item.LastError = null;
    }

    private async Task SaveAsync(AppDbContext db, DueItem item, CancellationToken cancellationToken)
    {
        item.ClaimedUntilUtc = null;
        item.ClaimToken = null;
        item.ClaimedBy = null;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Our lease ran out and another instance holds the item now: it delivers; our notices are not saved.
            logger.LogWarning("Due item {Id} was taken over by another instance; its notices were not saved here", item.Id);
        }
    }

    /// <summary>In a fresh scope: the failed attempt's notices are thrown away with the scope's change tracker.</summary>
    private async Task RecordFailureAsync(Guid id, Guid token, Exception exception, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var item = await db.DueItems.SingleOrDefaultAsync(d => d.Id == id && d.ClaimToken == token, cancellationToken);
        if (item is null)
        {
            return;
        }

        item.Attempts++;
        item.LastError = exception.Message.Length > 2000 ? exception.Message[..2000] : exception.Message;
        if (item.Attempts >= MaxAttempts)
        {
            item.DoneUtc = time.GetUtcNow().UtcDateTime;
            item.Outcome = DueOutcome.Failed;
            item.DoneBy = instance.Name;
        }
        else
        {
            // Retried later rather than at once: what failed (a missing row, a bug) is unlikely to heal in a second.
            item.DueUtc = time.GetUtcNow().UtcDateTime + (TimeSpan.FromMinutes(5) * item.Attempts);
        }

        await SaveAsync(db, item, cancellationToken);
    }
}
