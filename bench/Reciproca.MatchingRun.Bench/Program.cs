using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Reciproca.Matching.Scoring;
using Reciproca.MatchingRun.Bench;
using Reciproca.Web.Features.Matching;
using Reciproca.Web.Features.Pairs;
using Reciproca.Web.Features.Programmes;
using Reciproca.Web.Infrastructure.Auth;
using Reciproca.Web.Infrastructure.Data;
using Reciproca.Web.Infrastructure.Email;

// "From the button to the draft": a 2,000 x 2,000 programme matched through the real MatchingHandlers on a fresh SQLite
// file (load 4,000 assessed participants, score, solve, store the run), then the draft read back as the review page
// reads it; side by side with the pure engine on the same in-memory cohort, so the ratio shows what the database costs.
var perSide = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 2000;
var folder = Directory.CreateTempSubdirectory("reciproca-matchingrun-bench").FullName;
Console.WriteLine($"Matching run benchmark: {perSide:N0} x {perSide:N0}, {Environment.ProcessorCount} cores, .NET {Environment.Version}");

await using var services = BuildServices($"Data Source={Path.Combine(folder, "bench.db")}");
var seed = Stopwatch.StartNew();
var (hr, warmUp, programmeId) = await BenchData.SeedAsync(services, perSide);
Console.WriteLine($"seeded {2 * perSide:N0} people, participants and assessments (21 levels each) in {seed.Elapsed.TotalSeconds:F1} s (not timed below)");

// Warm-up on a small programme: a server that has matched anything before has its queries compiled and the engine JIT-ed.
await RunAsync(services, hr, warmUp);

var results = new List<(string Name, double Seconds, string Note)>();
for (var attempt = 1; attempt <= 3; attempt++)
{
    var (run, runSeconds, proposals) = await RunAsync(services, hr, programmeId);
    var read = await ReadAsync(services, hr, programmeId, run);
    results.Add(($"#{attempt} RunAsync (load + engine + store)", runSeconds, $"{proposals:N0} proposals"));
    results.Add(($"#{attempt} GetAsync (draft read for display)", read.Get, ""));
    results.Add(($"#{attempt} LatestAsync (review page's query)", read.Latest, ""));
    results.Add(($"#{attempt} button to draft (Run + Get)", runSeconds + read.Get, ""));
}

// The baseline: the same cohort, already in memory, through the engine alone.
await using (var scope = services.CreateAsyncScope())
{
    var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
    var programme = await db.Programmes.AsNoTracking().SingleAsync(p => p.Id == programmeId);
    var watch = Stopwatch.StartNew();
    var cohort = await MatchingCohort.LoadAsync(db, programme, CancellationToken.None);
    results.Add(("MatchingCohort.LoadAsync alone", watch.Elapsed.TotalSeconds, $"{cohort.DigitalMentors.Count:N0} + {cohort.ExperienceMentors.Count:N0}"));
    for (var attempt = 1; attempt <= 3; attempt++)
    {
        watch.Restart();
        var outcome = ReciprocalMatcher.Match(cohort.DigitalMentors, cohort.ExperienceMentors, cohort.Rules);
        results.Add(($"#{attempt} engine only (ReciprocalMatcher.Match)", watch.Elapsed.TotalSeconds, $"{outcome.Proposals.Count:N0} proposals, verified {outcome.Verified}"));
    }
}

// Publishing the last draft (after the baseline, which needs the pool unpaired): 2 x perSide proposed pairs with their events, and an e-mail to each person (the outbox).
await using (var scope = services.CreateAsyncScope())
{
    var handlers = scope.ServiceProvider.GetRequiredService<MatchingHandlers>();
    var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
    var latest = await handlers.LatestAsync(programmeId, CancellationToken.None) ?? throw new InvalidOperationException("No draft to publish.");
    var watch = Stopwatch.StartNew();
    var published = await handlers.PublishAsync(programmeId, latest.Id, hr, CancellationToken.None);
    var seconds = watch.Elapsed.TotalSeconds;
    var queued = await db.OutboxMessages.CountAsync();
    results.Add(("PublishAsync (pairs, events, e-mails)", seconds, $"{published.Value:N0} pairs, {queued:N0} e-mails queued"));
}

Console.WriteLine();
Console.WriteLine($"{"measure",-44} {"seconds",8}  note");
foreach (var (name, seconds, note) in results)
{
    Console.WriteLine($"{name,-44} {seconds.ToString("F3", CultureInfo.InvariantCulture),8}  {note}");
}

var total = Median(results.Where(r => r.Name.EndsWith("button to draft (Run + Get)", StringComparison.Ordinal)).Select(r => r.Seconds));
var engine = Median(results.Where(r => r.Name.Contains("engine only", StringComparison.Ordinal)).Select(r => r.Seconds));
Console.WriteLine($"ratio: button to draft / engine only = x{total / engine:F2} (medians)");
Console.WriteLine($"summary: {perSide:N0} x {perSide:N0} matching run in {total.ToString("F2", CultureInfo.InvariantCulture)} s (goal: under 5 s) -> {(total < 5 ? "met" : "NOT met")}");
Directory.Delete(folder, recursive: true);

static double Median(IEnumerable<double> values)
{
    var sorted = values.Order().ToArray();
    return sorted[sorted.Length / 2];
}

static async Task<(Guid Run, double Seconds, int Proposals)> RunAsync(ServiceProvider services, Actor hr, Guid programmeId)
{
    await using var scope = services.CreateAsyncScope();
    var handlers = scope.ServiceProvider.GetRequiredService<MatchingHandlers>();
    var watch = Stopwatch.StartNew();
    var result = await handlers.RunAsync(programmeId, hr, CancellationToken.None);
    var seconds = watch.Elapsed.TotalSeconds;
    var run = result.Value ?? throw new InvalidOperationException($"The run was refused: {result.Problem}");
    return (run.Id, seconds, run.Proposals.Count);
}

static async Task<(double Get, double Latest)> ReadAsync(ServiceProvider services, Actor hr, Guid programmeId, Guid runId)
{
    await using var scope = services.CreateAsyncScope();
    var handlers = scope.ServiceProvider.GetRequiredService<MatchingHandlers>();
    var watch = Stopwatch.StartNew();
    var view = await handlers.GetAsync(programmeId, runId, hr, CancellationToken.None);
    var get = watch.Elapsed.TotalSeconds;
    watch.Restart();
    var latest = await handlers.LatestAsync(programmeId, CancellationToken.None);
    var latestSeconds = watch.Elapsed.TotalSeconds;
    if (view.Value?.Proposals.Count != latest?.Proposals.Count)
    {
        throw new InvalidOperationException("The draft read back differs from the latest run.");
    }

    return (get, latestSeconds);
}

static ServiceProvider BuildServices(string connectionString)
{
    var services = new ServiceCollection();
    services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
    services.AddLocalization(o => o.ResourcesPath = "Resources");
    services.AddSingleton(TimeProvider.System);
    services.AddDbContext<AppDbContext, SqliteAppDbContext>(o => o.UseSqlite(connectionString));
    services.AddScoped<ProgrammeAccess>();
    services.AddScoped<MatchingHandlers>();
    // Publishing queues e-mails; nothing is sent here (no dispatcher), links need a public address.
    var email = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
    {
        ["Email:PublicBaseUrl"] = "https://reciproca.bench",
        ["Email:SendInBackground"] = "false",
    }).Build();
    services.AddEmail(email);
    services.AddScoped<PairNotifications>();
    var provider = services.BuildServiceProvider();
    using var scope = provider.CreateScope();
    scope.ServiceProvider.GetRequiredService<AppDbContext>().Database.Migrate();
    return provider;
}
