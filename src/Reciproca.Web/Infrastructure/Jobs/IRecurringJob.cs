namespace Reciproca.Web.Infrastructure.Jobs;

/// <summary>
/// Work that runs once per <see cref="Period"/> across all instances (a retention purge, a daily digest scan).
/// Registered with <see cref="JobsServiceCollectionExtensions.AddRecurringJob{TJob}"/>; run by
/// <see cref="RecurringJobHost"/> in a DI scope of its own, so it may take a <c>DbContext</c> and other scoped services.
/// </summary>
public interface IRecurringJob
{
    /// <summary>The job's key in the <c>RecurringJobs</c> table: stable across versions (renaming it starts a new schedule).</summary>
    string Name { get; }

    /// <summary>
    /// The time between two runs. A run that fails is retried one period later, not sooner: a job that scans for
    /// due work (reminders) finds the same work again, and a failing job must not hammer the database.
    /// </summary>
    TimeSpan Period { get; }

    Task RunAsync(CancellationToken cancellationToken);
}
