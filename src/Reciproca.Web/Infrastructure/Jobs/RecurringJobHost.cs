using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Reciproca.Web.Infrastructure.Data;

namespace Reciproca.Web.Infrastructure.Jobs;

/// <summary>
/// Runs the registered <see cref="IRecurringJob"/>s once per period across instances. Each pass claims the due rows
/// of <c>RecurringJobs</c> with a lease (<see cref="Leases"/>), runs each claimed job in a DI scope of its own and
/// moves its due time on by a period, whether the run succeeded or not. See ADR 0010.
/// </summary>
public sealed class RecurringJobHost(IServiceScopeFactory scopes, TimeProvider time, IOptions<JobsOptions> options, InstanceIdentity instance, ILogger<RecurringJobHost> logger)
    : BackgroundService
{
    public const int BatchSize = 20;

    /// <summary>One pass: claims the jobs due now, runs them one after the other; returns the names of those it ran.</summary>
    public async Task<IReadOnlyList<string>> RunDueAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var periods = scope.ServiceProvider.GetServices<IRecurringJob>().ToDictionary(j => j.Name, j => j.Period, StringComparer.Ordinal);
        if (periods.Count == 0)
        {
            return [];
        }

        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var now = time.GetUtcNow().UtcDateTime;
        var names = periods.Keys.ToList();
        await ScheduleNewAsync(db, names, now, cancellationToken);

        // Only the jobs this instance knows: during a rolling deployment an older instance leaves a newer job alone.
        var claimed = await Leases.ClaimAsync(
            db.RecurringJobs, j => names.Contains(j.Name) && j.NextDueUtc <= now, j => j.Name, j => j.NextDueUtc, BatchSize, now, options.Value.Lease, instance.Name, cancellationToken);
        var ran = new List<string>();
        foreach (var row in claimed)
        {
            await RunAsync(row, cancellationToken);
            row.NextDueUtc = NextDue(row.NextDueUtc, periods[row.Name], time.GetUtcNow().UtcDateTime);
            await RecordAsync(db, row);
            ran.Add(row.Name);
        }

        return ran;
    }

    /// <summary>
    /// The first due time after <paramref name="nowUtc"/> on the job's grid (<paramref name="dueUtc"/> plus whole
    /// periods): the schedule does not drift with the poll delay, and an instance that was down runs a missed job
    /// once, not once per missed period.
    /// </summary>
    public static DateTime NextDue(DateTime dueUtc, TimeSpan period, DateTime nowUtc)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(period, TimeSpan.Zero);
        var behind = nowUtc - dueUtc;
        var periods = behind < TimeSpan.Zero ? 1 : (behind.Ticks / period.Ticks) + 1;
        return dueUtc + (period * periods);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RunDueAsync(stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // The database may be briefly unavailable: log and look again at the next poll, never stop.
                logger.LogError(exception, "Recurring jobs could not be run");
            }

            await Task.Delay(options.Value.PollInterval, time, stoppingToken);
        }
    }

    private async Task RunAsync(RecurringJob row, CancellationToken cancellationToken)
    {
        row.LastRunUtc = time.GetUtcNow().UtcDateTime;
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var job = scope.ServiceProvider.GetServices<IRecurringJob>().Single(j => j.Name == row.Name);
            await job.RunAsync(cancellationToken);
            row.LastError = null;
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            // One failing job must not stop the others, nor this one's next period.
            logger.LogError(exception, "Recurring job {Job} failed; it runs again at its next period", row.Name);
            row.LastError = exception.Message.Length > RecurringJobConfiguration.ErrorLength ? exception.Message[..RecurringJobConfiguration.ErrorLength] : exception.Message;
        }
    }

    private async Task RecordAsync(AppDbContext db, RecurringJob row)
    {
        try
        {
            await Leases.ReleaseAsync(db, [row]);
        }
        catch (DbUpdateConcurrencyException)
        {
            // The run outlasted its lease and another instance claimed the job since: that instance records it.
            logger.LogWarning("Recurring job {Job} ran longer than its lease of {Lease}", row.Name, options.Value.Lease);
            db.Entry(row).State = EntityState.Detached;
        }
    }

    /// <summary>
    /// A job seen for the first time is due at once. Inserted with <c>ON CONFLICT DO NOTHING</c> (same syntax on both
    /// engines), because every instance starting at once inserts the same rows.
    /// </summary>
    private static async Task ScheduleNewAsync(AppDbContext db, IReadOnlyList<string> names, DateTime nowUtc, CancellationToken cancellationToken)
    {
        var known = await db.RecurringJobs.AsNoTracking().Where(j => names.Contains(j.Name)).Select(j => j.Name).ToListAsync(cancellationToken);
        foreach (var name in names.Except(known, StringComparer.Ordinal))
        {
            await db.Database.ExecuteSqlAsync(
                $"""INSERT INTO "RecurringJobs" ("Name", "NextDueUtc") VALUES ({name}, {nowUtc}) ON CONFLICT ("Name") DO NOTHING""",
                cancellationToken);
        }
    }
}
