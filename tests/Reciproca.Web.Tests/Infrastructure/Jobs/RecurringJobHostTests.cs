using System.Collections.Concurrent;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Reciproca.Web.Infrastructure.Data;
using Reciproca.Web.Infrastructure.Email;
using Reciproca.Web.Infrastructure.Jobs;
using Reciproca.Web.Tests.Support;

namespace Reciproca.Web.Tests.Jobs;

/// <summary>
/// Recurring jobs (ADR 0010) on the fake clock, without the background loop: each pass is a direct
/// <see cref="RecurringJobHost.RunDueAsync"/>. Two hosts stand for two instances on one database.
/// </summary>
public abstract class RecurringJobHostTests(AppFixture fixture)
{
    private static readonly TimeSpan _period = CountingJob.Every;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Two_hosts_run_a_due_job_once_per_period()
    {
        await using var app = await StartAsync();
        var hosts = new[] { NewHost(app), NewHost(app) };

        for (var period = 1; period <= 4; period++)
        {
            // Both instances poll at the same moment; only one of them may run the job.
            var passes = await Task.WhenAll(hosts.Select(h => Task.Run(() => h.RunDueAsync(Cancel), Cancel)));
            Assert.Equal(1, passes.Count(ran => ran.Contains(CountingJob.JobName)));
            Assert.Equal(period, Runs(app).Of(CountingJob.JobName));

            // Polled again within the period: nothing is due.
            await Task.WhenAll(hosts.Select(h => Task.Run(() => h.RunDueAsync(Cancel), Cancel)));
            Assert.Equal(period, Runs(app).Of(CountingJob.JobName));
            fixture.Require().Time.Advance(_period);
        }
    }

    [Fact]
    public async Task A_job_runs_when_first_seen_then_not_before_it_is_due_and_again_after_its_period()
    {
        await using var app = await StartAsync();
        var host = NewHost(app);
        var firstRun = Now;

        Assert.Contains(CountingJob.JobName, await host.RunDueAsync(Cancel));
        var row = await RowAsync(CountingJob.JobName);
        Assert.Equal((firstRun + _period, (DateTime?)firstRun, (string?)null, (Guid?)null, (DateTime?)null), (row.NextDueUtc, row.LastRunUtc, row.LastError, row.ClaimToken, row.ClaimedUntilUtc));

        fixture.Require().Time.Advance(_period - TimeSpan.FromSeconds(1));
        Assert.DoesNotContain(CountingJob.JobName, await host.RunDueAsync(Cancel));
        Assert.Equal(1, Runs(app).Of(CountingJob.JobName));

        fixture.Require().Time.Advance(TimeSpan.FromSeconds(1));
        Assert.Contains(CountingJob.JobName, await host.RunDueAsync(Cancel));
        Assert.Equal(2, Runs(app).Of(CountingJob.JobName));
        Assert.Equal(firstRun + (2 * _period), (await RowAsync(CountingJob.JobName)).NextDueUtc);
    }

    [Fact]
    public async Task A_failing_job_is_recorded_and_retried_next_period_while_the_others_still_run()
    {
        await using var app = await StartAsync();
        var host = NewHost(app);
        var runs = Runs(app);
        runs.Failing = true;
        var start = Now;

        var ran = await host.RunDueAsync(Cancel);
        Assert.Contains(FailingJob.JobName, ran);
        Assert.Contains(CountingJob.JobName, ran);
        Assert.Equal((1, 1), (runs.Of(FailingJob.JobName), runs.Of(CountingJob.JobName)));
        var failed = await RowAsync(FailingJob.JobName);
        Assert.Equal(FailingJob.Error, failed.LastError);
        Assert.Equal(start + _period, failed.NextDueUtc);
        Assert.Null(failed.ClaimToken);
        Assert.Null(failed.ClaimedUntilUtc);

        // Not retried at once: at its next period, like any run.
        Assert.Empty(await host.RunDueAsync(Cancel));
        fixture.Require().Time.Advance(_period - TimeSpan.FromSeconds(1));
        Assert.DoesNotContain(FailingJob.JobName, await host.RunDueAsync(Cancel));
        fixture.Require().Time.Advance(TimeSpan.FromSeconds(1));
        ran = await host.RunDueAsync(Cancel);
        Assert.Contains(FailingJob.JobName, ran);
        Assert.Contains(CountingJob.JobName, ran);
        Assert.Equal((2, 2), (runs.Of(FailingJob.JobName), runs.Of(CountingJob.JobName)));
        Assert.Equal(FailingJob.Error, (await RowAsync(FailingJob.JobName)).LastError);

        runs.Failing = false;
        fixture.Require().Time.Advance(_period);
        Assert.Contains(FailingJob.JobName, await host.RunDueAsync(Cancel));
        Assert.Null((await RowAsync(FailingJob.JobName)).LastError);
        Assert.Equal(start + (3 * _period), (await RowAsync(FailingJob.JobName)).NextDueUtc);
    }

    [Fact]
    public async Task A_job_missed_for_several_periods_runs_once_and_keeps_its_schedule()
    {
        await using var app = await StartAsync();
        var host = NewHost(app);
        var start = Now;
        await host.RunDueAsync(Cancel);

        // Every instance was down for three and a half periods.
        fixture.Require().Time.Advance((3 * _period) + (_period / 2));
        Assert.Contains(CountingJob.JobName, await host.RunDueAsync(Cancel));
        Assert.Empty(await host.RunDueAsync(Cancel));
        Assert.Equal(2, Runs(app).Of(CountingJob.JobName));
        Assert.Equal(start + (4 * _period), (await RowAsync(CountingJob.JobName)).NextDueUtc);
    }

    [Fact]
    public async Task A_job_claimed_by_a_dead_instance_runs_once_its_lease_has_ended()
    {
        await using var app = await StartAsync();
        var host = NewHost(app);
        await host.RunDueAsync(Cancel);
        fixture.Require().Time.Advance(_period);
        var lease = app.Services.GetRequiredService<IOptions<JobsOptions>>().Value.Lease;
        var deadToken = (Guid?)Guid.NewGuid();
        var until = (DateTime?)(Now + lease);
        await fixture.Require().WithDbAsync(db => db.RecurringJobs.Where(j => j.Name == CountingJob.JobName)
            .ExecuteUpdateAsync(s => s.SetProperty(j => j.ClaimToken, deadToken).SetProperty(j => j.ClaimedUntilUtc, until), Cancel));

        Assert.DoesNotContain(CountingJob.JobName, await host.RunDueAsync(Cancel));
        fixture.Require().Time.Advance(lease + TimeSpan.FromSeconds(1));
        Assert.Contains(CountingJob.JobName, await host.RunDueAsync(Cancel));
        Assert.Equal(2, Runs(app).Of(CountingJob.JobName));
        Assert.Null((await RowAsync(CountingJob.JobName)).ClaimToken);
    }

    [Fact]
    public void The_next_due_time_stays_on_the_grid_of_periods()
    {
        var due = new DateTime(2026, 11, 28, 9, 0, 0, DateTimeKind.Utc);
        var hour = TimeSpan.FromHours(1);
        Assert.Equal(due.AddHours(1), RecurringJobHost.NextDue(due, hour, due));
        Assert.Equal(due.AddHours(1), RecurringJobHost.NextDue(due, hour, due.AddMinutes(59)));
        Assert.Equal(due.AddHours(2), RecurringJobHost.NextDue(due, hour, due.AddHours(1)));
        Assert.Equal(due.AddHours(4), RecurringJobHost.NextDue(due, hour, due.AddHours(3.5)));
        Assert.Equal(due.AddHours(1), RecurringJobHost.NextDue(due, hour, due.AddMinutes(-5)));
        Assert.Throws<ArgumentOutOfRangeException>(() => RecurringJobHost.NextDue(due, TimeSpan.Zero, due));
    }

    [Fact]
    public async Task The_outbox_purge_is_a_recurring_job_of_the_application()
    {
        var factory = fixture.Require();
        await factory.WithDbAsync(db => db.RecurringJobs.ExecuteDeleteAsync(Cancel));
        await using var scope = factory.Services.CreateAsyncScope();
        var jobs = scope.ServiceProvider.GetServices<IRecurringJob>().ToList();
        var purge = Assert.IsType<OutboxPurgeJob>(Assert.Single(jobs, job => job is OutboxPurgeJob));
        Assert.Equal(TimeSpan.FromHours(1), purge.Period);

        // Tests run passes themselves: the application's own host is registered but not running. It runs every
        // registered job (the outbox purge among them) once, as they are all due when first seen.
        Assert.Equal(jobs.Select(j => j.Name).Order(), (await factory.Services.GetRequiredService<RecurringJobHost>().RunDueAsync(Cancel)).Order());
        Assert.Equal(Now + purge.Period, (await RowAsync(purge.Name)).NextDueUtc);
    }

    private DateTime Now => fixture.Require().Time.GetUtcNow().UtcDateTime;

    /// <summary>The application with the test jobs added, on the fixture's database and clock, with a clean schedule.</summary>
    private async Task<WebApplicationFactory<Program>> StartAsync()
    {
        var factory = fixture.Require();
        await factory.WithDbAsync(db => db.RecurringJobs.ExecuteDeleteAsync(Cancel));
        var app = factory.WithWebHostBuilder(b => b.ConfigureServices(services => services
            .AddSingleton<JobRuns>()
            .AddRecurringJob<CountingJob>()
            .AddRecurringJob<FailingJob>()));
        _ = app.Server;
        return app;
    }

    // A host of its own, as on another instance: it shares only the database (and the clock).
    private static RecurringJobHost NewHost(WebApplicationFactory<Program> app) => ActivatorUtilities.CreateInstance<RecurringJobHost>(app.Services);

    private static JobRuns Runs(WebApplicationFactory<Program> app) => app.Services.GetRequiredService<JobRuns>();

    private Task<RecurringJob> RowAsync(string name) =>
        fixture.Require().WithDbAsync(db => db.RecurringJobs.AsNoTracking().SingleAsync(j => j.Name == name, Cancel));

    private sealed class JobRuns
    {
        private readonly ConcurrentDictionary<string, int> _runs = new(StringComparer.Ordinal);

        public bool Failing { get; set; }

        public int Of(string name) => _runs.GetValueOrDefault(name);

        public void Record(string name) => _runs.AddOrUpdate(name, 1, (_, count) => count + 1);
    }

    private sealed class CountingJob(JobRuns runs, AppDbContext db) : IRecurringJob
    {
        public const string JobName = "Test.Counting";
        public static readonly TimeSpan Every = TimeSpan.FromMinutes(10);

        public string Name => JobName;

        public TimeSpan Period => Every;

        public async Task RunAsync(CancellationToken cancellationToken)
        {
            // A scoped service of its own: the job's context is not the host's.
            await db.RecurringJobs.CountAsync(cancellationToken);
            // Lets a concurrent pass of the other host run meanwhile, as real work would.
            await Task.Yield();
            runs.Record(Name);
        }
    }

    private sealed class FailingJob(JobRuns runs) : IRecurringJob
    {
        public const string JobName = "Test.Failing";
        public const string Error = "The job failed (test)";

        public string Name => JobName;

        public TimeSpan Period => CountingJob.Every;

        public Task RunAsync(CancellationToken cancellationToken)
        {
            runs.Record(Name);
            return runs.Failing ? Task.FromException(new InvalidOperationException(Error)) : Task.CompletedTask;
        }
    }
}

public sealed class RecurringJobHostSqliteTests(SqliteAppFixture fixture) : RecurringJobHostTests(fixture), IClassFixture<SqliteAppFixture>;

public sealed class RecurringJobHostPostgresTests(PostgresAppFixture fixture) : RecurringJobHostTests(fixture), IClassFixture<PostgresAppFixture>;
