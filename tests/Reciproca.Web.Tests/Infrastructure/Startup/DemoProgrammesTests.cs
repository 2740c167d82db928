using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Reciproca.Web.Features.Assessments;
using Reciproca.Web.Features.Matching;
using Reciproca.Web.Features.Pairs;
using Reciproca.Web.Features.Programmes;
using Reciproca.Web.Features.Sessions;
using Reciproca.Web.Infrastructure.Auth;
using Reciproca.Web.Infrastructure.Startup;
using Reciproca.Web.Infrastructure.Web.Api;
using Reciproca.Web.Tests.Support;

namespace Reciproca.Web.Tests;

/// <summary>
/// The demo organisation's programmes: one assessed and ready to match, one with agreed pairs and signed pacts;
/// seeded once, on each engine.
/// </summary>
public abstract class DemoProgrammesTests(Engine engine)
{
    private static readonly Dictionary<string, string?> _demo = new() { ["Demo:Enabled"] = "true" };
    private static readonly System.Text.Json.JsonSerializerOptions _json = ApiJson.Options;

    private ReciprocaFactory NewFactory(string? connectionString = null)
    {
        if (engine == Engine.Postgres)
        {
            TestEnvironment.PostgresConnectionString();
        }

        return new ReciprocaFactory(engine, _demo, connectionString);
    }

    private static async Task<(Programme Pilot, Programme Upcoming)> ProgrammesAsync(ReciprocaFactory factory)
    {
        var programmes = await factory.WithDbAsync(db => db.Programmes.AsNoTracking().OrderBy(p => p.StartsOn).ToListAsync());
        Assert.Equal(2, programmes.Count);
        return (programmes[0], programmes[1]);
    }

    /// <summary>An API client acting as one of the demo accounts (a token stored as the application stores them).</summary>
    private static async Task<HttpClient> ClientAsAsync(ReciprocaFactory factory, string userName)
    {
        var token = ApiToken.Generate();
        await factory.WithDbAsync(async db =>
        {
            var userId = await db.Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync();
            db.ApiTokens.Add(new ApiToken { UserId = userId, Name = "demo test", TokenHash = ApiToken.Hash(token), CreatedUtc = factory.Time.GetUtcNow().UtcDateTime });
            return await db.SaveChangesAsync();
        });
        return factory.CreateApiClient(token);
    }

    [Fact]
    public async Task The_upcoming_programme_is_assessed_and_ready_and_the_demo_hr_can_run_matching()
    {
        await using var factory = NewFactory();
        _ = factory.Server;
        var (_, upcoming) = await ProgrammesAsync(factory);
        var today = DateOnly.FromDateTime(factory.Time.GetUtcNow().UtcDateTime);
        var enrolled = await factory.WithDbAsync(db => (
            from participant in db.Participants.AsNoTracking()
            join person in db.People.AsNoTracking() on participant.PersonId equals person.Id
            where participant.ProgrammeId == upcoming.Id
            select new { participant, person }).ToListAsync());
        var assessments = await factory.WithDbAsync(db => db.Assessments.AsNoTracking().Include(a => a.Levels).ToDictionaryAsync(a => a.ParticipantId));
        var rows = enrolled.Select(r => new { r.participant, r.person, assessment = assessments.GetValueOrDefault(r.participant.Id) }).ToList();
        var topics = await factory.WithDbAsync(db => db.ExperienceTopics.Select(t => t.Key).ToListAsync());
        var competences = factory.Services.GetRequiredService<DigCompCatalogue>().CompetenceIds;
        var demoPeople = await factory.WithDbAsync(db => db.Users.Where(u => u.UserName == DemoOrganisationSeeder.JuniorUser || u.UserName == DemoOrganisationSeeder.SeniorUser).Select(u => u.PersonId).ToListAsync());

        Assert.Equal(($"Digitale Insieme {upcoming.StartsOn.Year}", ProgrammeStatus.Enrolment, 6, 12), (upcoming.Name, upcoming.Status, upcoming.PlannedSessions, upcoming.CadenceWeeks));
        Assert.True(upcoming.StartsOn > today && upcoming.EndsOn == upcoming.StartsOn.AddDays(7 * 12));
        Assert.True(rows.Count >= 40, $"{rows.Count} participants");
        Assert.All(rows, r =>
        {
            Assert.Equal(ParticipantStatus.Enrolled, r.participant.Status);
            Assert.NotNull(r.participant.ReadyUtc);
            Assert.NotNull(r.assessment);
            // What the assessment handler would have accepted and proposed.
            Assert.Equal(competences.Order(), r.assessment.Levels.Select(l => l.CompetenceId).Order());
            Assert.All(r.assessment.Levels, l => Assert.InRange(l.Level, 1, 8));
            Assert.All(r.assessment.WantedCompetences, c => Assert.Contains(c, competences));
            Assert.All(r.assessment.OfferedTopics.Concat(r.assessment.WantedTopics), t => Assert.Contains(t, topics));
            Assert.Contains("it", r.assessment.Languages);
            Assert.Equal(SideProposal.From(r.assessment), r.participant.ProposedSide);
        });
        var digital = rows.Where(r => r.participant.Side == Side.DigitalMentor).ToList();
        var experience = rows.Where(r => r.participant.Side == Side.ExperienceMentor).ToList();
        Assert.True(digital.Count >= 18 && experience.Count >= 18, $"{digital.Count} digital, {experience.Count} experience mentors");
        Assert.All(digital, r => Assert.True(r.person.BirthYear >= 1993 && r.assessment!.WantedTopics.Count is >= 1 and <= 3));
        Assert.All(experience, r => Assert.True(r.person.BirthYear <= 1975 && r.assessment!.WantedCompetences.Count is >= 2 and <= 3 && r.assessment.OfferedTopics.Count is >= 2 and <= 3));
        Assert.All(demoPeople, id => Assert.Contains(rows, r => r.person.Id == id));
        Assert.Contains(rows, r => r.assessment!.Languages.Contains("en"));

        // Some digital mentors sit two levels below an experience mentor: the reporting-line rule has work to do.
        var managers = await factory.WithDbAsync(db => db.People.ToDictionaryAsync(p => p.Id, p => p.ManagerId));
        var sameLine = (from junior in digital
                        from senior in experience
                        where junior.person.ManagerId == senior.person.Id || (junior.person.ManagerId is { } m && managers[m] == senior.person.Id)
                        select (Junior: junior.person.Id, Senior: senior.person.Id)).ToList();
        Assert.NotEmpty(sameLine);

        using var hr = await ClientAsAsync(factory, DemoOrganisationSeeder.HrUser);
        var response = await hr.PostAsync($"/api/v1/programmes/{upcoming.Id}/matching-runs", null, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var run = (await response.Content.ReadFromJsonAsync<MatchingRunView>(_json, TestContext.Current.CancellationToken))!;
        Assert.True(run.Verified);
        Assert.True(run.Proposals.Count >= 15, $"{run.Proposals.Count} proposals");
        Assert.All(run.Proposals, p => Assert.True(p.Explanation.BenefitToSenior > 0 && p.Explanation.BenefitToJunior > 0));
        var (j, s) = sameLine[0];
        var forbidden = await hr.GetFromJsonAsync<PairEvaluationView>($"/api/v1/programmes/{upcoming.Id}/matching-runs/{run.Id}/pairs/{j}/{s}", _json, TestContext.Current.CancellationToken);
        Assert.Equal((false, "SameReportingLine"), (forbidden!.Allowed, forbidden.ForbiddenBy));
    }

    [Fact]
    public async Task The_pilot_has_engine_pairs_with_pacts_signed_both_ways_and_the_sponsor_sees_no_pair()
    {
        await using var factory = NewFactory();
        _ = factory.Server;
        var (pilot, upcoming) = await ProgrammesAsync(factory);
        var today = DateOnly.FromDateTime(factory.Time.GetUtcNow().UtcDateTime);
        var run = await factory.WithDbAsync(db => db.MatchingRuns.AsNoTracking().Include(r => r.Proposals).SingleAsync(r => r.ProgrammeId == pilot.Id));
        var pairs = await factory.WithDbAsync(db => db.Pairs.AsNoTracking().Where(p => p.ProgrammeId == pilot.Id).ToListAsync());
        var pacts = await factory.WithDbAsync(db => db.Pacts.AsNoTracking().Include(p => p.Goals).ToDictionaryAsync(p => p.PairId));
        var events = await factory.WithDbAsync(db => db.PairEvents.AsNoTracking().OrderBy(e => e.AtUtc).ThenBy(e => e.Id).ToListAsync());
        var participants = await factory.WithDbAsync(db => db.Participants.CountAsync(p => p.ProgrammeId == pilot.Id && p.ReadyUtc != null));

        Assert.Equal(($"Pilota Monza {pilot.StartsOn.Year}", ProgrammeStatus.Running), (pilot.Name, pilot.Status));
        Assert.InRange(pilot.StartsOn.DayNumber, today.AddDays(-49).DayNumber, today.AddDays(-42).DayNumber);
        Assert.InRange(participants, 10, 14);
        Assert.NotNull(run.PublishedUtc);
        Assert.True(run.Verified);
        var unmatched = await factory.WithDbAsync(db => db.Set<RunUnmatched>().Where(u => u.RunId == run.Id).Select(u => u.Side + ":" + u.Reason).ToListAsync());
        Assert.True(pairs.Count >= 5, $"{pairs.Count} pairs; {participants} participants; unmatched {string.Join(", ", unmatched)}");
        Assert.Contains(pairs, p => p.State == PairState.Active);
        Assert.All(pairs, pair =>
        {
            Assert.Contains(pair.State, new[] { PairState.Active, PairState.Agreed });
            Assert.True(pair.DigitalMentorAcceptedUtc is not null && pair.ExperienceMentorAcceptedUtc is not null);
            // Kept as the engine produced it: the published run's score and explanation.
            var proposal = Assert.Single(run.Proposals, p => p.DigitalMentorId == pair.DigitalMentorId && p.ExperienceMentorId == pair.ExperienceMentorId);
            Assert.Equal((run.Id, proposal.Score, proposal.Explanation), (pair.RunId, pair.Score, pair.Explanation));
            var pact = pacts[pair.Id];
            Assert.True(pact.FullySigned && pact.ConfidentialityAccepted);
            Assert.Equal((6, 12), (pact.CadenceSessions, pact.CadenceWeeks));
            Assert.Contains(pact.Goals, g => g.Direction == GoalDirection.DigitalToExperience && g.Tags.All(t => t.Contains('.', StringComparison.Ordinal)));
            Assert.Contains(pact.Goals, g => g.Direction == GoalDirection.ExperienceToDigital && g.Tags.Count > 0);
            var history = events.Where(e => e.PairId == pair.Id).Select(e => e.To).ToList();
            PairState[] agreed = [PairState.Proposed, PairState.Proposed, PairState.Accepted, PairState.Agreed];
            Assert.Equal(pair.State == PairState.Active ? [.. agreed, PairState.Active] : agreed, history);
            Assert.All(events.Where(e => e.PairId == pair.Id), e => Assert.True(e.AtUtc <= factory.Time.GetUtcNow().UtcDateTime));
        });
        Assert.All(events.Where(e => e.To == PairState.Active), e => Assert.Equal("first session held", e.Reason));

        // The demo junior and senior accounts are an active pair of the pilot: a newcomer sees a pair's life from inside.
        var demoPeople = await factory.WithDbAsync(db => db.Users.Where(u => u.UserName == DemoOrganisationSeeder.JuniorUser || u.UserName == DemoOrganisationSeeder.SeniorUser)
            .ToDictionaryAsync(u => u.UserName!, u => u.PersonId!.Value));
        var demoPair = Assert.Single(pairs, p => p.DigitalMentorId == demoPeople[DemoOrganisationSeeder.JuniorUser] && p.ExperienceMentorId == demoPeople[DemoOrganisationSeeder.SeniorUser]);
        Assert.Equal(PairState.Active, demoPair.State);
        using var junior = await ClientAsAsync(factory, DemoOrganisationSeeder.JuniorUser);
        var juniorPairs = await junior.GetItemsAsync<PairView>($"/api/v1/programmes/{pilot.Id}/pairs", _json, TestContext.Current.CancellationToken);
        Assert.Equal(demoPair.Id, Assert.Single(juniorPairs!).Id);

        using var sponsor = await ClientAsAsync(factory, DemoOrganisationSeeder.SponsorUser);
        foreach (var id in new[] { pilot.Id, upcoming.Id })
        {
            var programme = await sponsor.GetAsync($"/api/v1/programmes/{id}", TestContext.Current.CancellationToken);
            var pairList = await sponsor.GetAsync($"/api/v1/programmes/{id}/pairs", TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.OK, programme.StatusCode);
            Assert.Contains(pairList.StatusCode, new[] { HttpStatusCode.Forbidden, HttpStatusCode.NotFound });
        }

        using var hr = await ClientAsAsync(factory, DemoOrganisationSeeder.HrUser);
        var hrPairs = await hr.GetItemsAsync<PairView>($"/api/v1/programmes/{pilot.Id}/pairs", _json, TestContext.Current.CancellationToken);
        Assert.Equal(pairs.Count, hrPairs!.Count);
    }

    [Fact]
    public async Task The_pilot_pairs_have_sessions_logged_both_ways_upcoming_ones_a_pair_behind_and_one_gone_quiet()
    {
        await using var factory = NewFactory();
        _ = factory.Server;
        var (pilot, _) = await ProgrammesAsync(factory);
        var now = factory.Time.GetUtcNow().UtcDateTime;
        var pairs = await factory.WithDbAsync(db => db.Pairs.AsNoTracking().Where(p => p.ProgrammeId == pilot.Id).ToListAsync());
        var sessions = await factory.WithDbAsync(db => db.Sessions.AsNoTracking().ToListAsync());
        var logs = await factory.WithDbAsync(db => db.SessionLogs.AsNoTracking().Include(l => l.Goals).ToListAsync());
        var goals = await factory.WithDbAsync(db => db.PactGoals.AsNoTracking().Join(db.Pacts, g => g.PactId, p => p.Id, (g, p) => new { g.Id, p.PairId }).ToListAsync());
        var activated = await factory.WithDbAsync(db => db.PairEvents.AsNoTracking().Where(e => e.To == PairState.Active).ToDictionaryAsync(e => e.PairId, e => e.AtUtc));

        Assert.All(logs, log =>
        {
            var session = Assert.Single(sessions, s => s.Id == log.SessionId);
            var pair = Assert.Single(pairs, p => p.Id == log.PairId);
            Assert.True(pair.Involves(log.AuthorId));
            Assert.True(log.CreatedUtc >= session.EndUtc && log.CreatedUtc <= now, "a log is written after its session, before now");
            Assert.Equal(log.Held, log.Rating is >= 1 and <= 5);
            Assert.Equal(log.Held, log.MissedReason is null);
            Assert.All(log.Goals, g => Assert.Contains(goals, x => x.Id == g.GoalId && x.PairId == log.PairId));
        });
        Assert.Equal(logs.Count, logs.Select(l => (l.SessionId, l.AuthorId)).Distinct().Count());

        // Every active pair became so after its first held session; an agreed pair has held none.
        foreach (var pair in pairs)
        {
            var held = logs.Where(l => l.PairId == pair.Id && l.Held).Select(l => sessions.Single(s => s.Id == l.SessionId)).ToList();
            if (pair.State == PairState.Active)
            {
                Assert.True(activated[pair.Id] >= held.Min(s => s.EndUtc));
            }
            else
            {
                Assert.Empty(held);
                Assert.Contains(sessions, s => s.PairId == pair.Id && s.StartUtc > now);
            }
        }

        // Logs go both ways: for most pairs both partners wrote what they taught and learned.
        var twoWay = pairs.Count(p => logs.Where(l => l.PairId == p.Id && l.Held).Select(l => l.AuthorId).Distinct().Count() == 2);
        Assert.True(twoWay >= pairs.Count - 2, $"{twoWay} of {pairs.Count} pairs logged by both partners");
        Assert.All(logs.Where(l => l.Held), l => Assert.False(string.IsNullOrWhiteSpace(l.Taught) || string.IsNullOrWhiteSpace(l.Learned)));

        // One pair has gone quiet (nothing held for four weeks, nothing scheduled) and one is behind its cadence.
        DateTime? LastHeld(Pair p) => logs.Where(l => l.PairId == p.Id && l.Held).Select(l => sessions.Single(s => s.Id == l.SessionId).EndUtc).DefaultIfEmpty().Max() is var d && d == default ? null : d;
        var quiet = Assert.Single(pairs, p => p.State == PairState.Active && LastHeld(p) < now.AddDays(-pilot.SessionRules.HrAlertDays) && !sessions.Any(s => s.PairId == p.Id && s.StartUtc > now));
        var behind = pairs.Where(p => p.Id != quiet.Id && p.State == PairState.Active)
            .OrderBy(p => logs.Where(l => l.PairId == p.Id && l.Held).Select(l => l.SessionId).Distinct().Count()).First();
        Assert.Equal(2, logs.Where(l => l.PairId == behind.Id && l.Held).Select(l => l.SessionId).Distinct().Count());

        // No person is in two sessions at once, across all their pairs.
        var byPerson = sessions.Where(s => s.Status == SessionStatus.Scheduled)
            .SelectMany(s => pairs.Where(p => p.Id == s.PairId).SelectMany(p => new[] { p.DigitalMentorId, p.ExperienceMentorId }), (s, person) => (s, person))
            .GroupBy(x => x.person);
        Assert.All(byPerson, group =>
        {
            var ordered = group.Select(x => x.s).OrderBy(s => s.StartUtc).ToList();
            Assert.All(ordered.Zip(ordered.Skip(1)), w => Assert.True(w.First.EndUtc <= w.Second.StartUtc));
        });

        // The demo junior and senior have met, logged, and meet again within two weeks: their pair page has a life to show.
        var demoPeople = await factory.WithDbAsync(db => db.Users.Where(u => u.UserName == DemoOrganisationSeeder.JuniorUser || u.UserName == DemoOrganisationSeeder.SeniorUser)
            .Select(u => u.PersonId!.Value).ToListAsync());
        var demoPair = Assert.Single(pairs, p => demoPeople.All(p.Involves));
        Assert.True(logs.Count(l => l.PairId == demoPair.Id && l.Held) >= 4);
        Assert.Contains(sessions, s => s.PairId == demoPair.Id && s.StartUtc > now && s.StartUtc <= now.AddDays(14));
    }

    [Fact]
    public async Task A_second_start_on_the_same_database_seeds_no_programme_again()
    {
        await using var first = NewFactory();
        _ = first.Server;
        var before = await CountsAsync(first);

        await using var second = NewFactory(first.ConnectionString);
        _ = second.Server;

        Assert.Equal(2, before[0]);
        Assert.Equal(before, await CountsAsync(second));
        Assert.Contains(first.Services.GetRequiredService<StartupReport>().Lines, l => l.StartsWith("Demo programmes:", StringComparison.Ordinal));
    }

    private static Task<int[]> CountsAsync(ReciprocaFactory factory) => factory.WithDbAsync(async db => new[]
    {
        await db.Programmes.CountAsync(), await db.ProgrammeMembers.CountAsync(), await db.Participants.CountAsync(), await db.Assessments.CountAsync(),
        await db.MatchingRuns.CountAsync(), await db.Pairs.CountAsync(), await db.PairEvents.CountAsync(), await db.Pacts.CountAsync(), await db.PactGoals.CountAsync(),
    });
}

public sealed class DemoProgrammesSqliteTests() : DemoProgrammesTests(Engine.Sqlite);

public sealed class DemoProgrammesPostgresTests() : DemoProgrammesTests(Engine.Postgres);
