using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Reciproca.Matching.Scoring;
using Reciproca.Web.Features.Assessments;
using Reciproca.Web.Features.Matching;
using Reciproca.Web.Features.Pairs;
using Reciproca.Web.Features.People;
using Reciproca.Web.Features.Programmes;
using Reciproca.Web.Infrastructure.Auth;
using Reciproca.Web.Infrastructure.Data;
using Reciproca.Web.Infrastructure.Web;

using Reciproca.Web.Infrastructure.Web.Api;

namespace Reciproca.Web.Infrastructure.Startup;

/// <summary>
/// Seeds two programmes into the demo organisation, once (only while no programme exists): an upcoming one with
/// every participant assessed and ready, so that a newcomer signed in as HR can press "Run matching"; and a pilot
/// that started six weeks ago, matched by the engine and published, with pacts signed both ways and pairs under way.
/// The demo junior and senior are an active pair of the pilot (HR locked them together) and assessed for the upcoming one.
/// </summary>
/// <remarks>
/// Data entry (design, enrolment, self-assessments, readiness, acceptances, pacts) is written as the handlers would
/// store it, in batches: replaying hundreds of handler calls made the first start seconds slower. The matching run and
/// its publication go through <see cref="MatchingHandlers"/>, so that runs, scores and explanations are the engine's.
/// Dates walk through the past on a replay clock. Everything is one transaction: a failure leaves nothing behind.
/// </remarks>
internal sealed class DemoProgrammesSeeder(
    AppDbContext db,
    IOptions<DemoOptions> options,
    ProgrammeAccess access,
    PairNotifications notifications,
    DigCompCatalogue digComp,
    IStringLocalizer<SharedResource> localizer,
    StartupReport report,
    TimeProvider time)
{
    internal const int SidePerUpcoming = 21;
    internal const int SidePerPilot = 6;
    internal const string PilotLocation = "Monza";

    // The pilot was about vision and leadership: every senior offers both, every junior wants one of them.
    private static readonly string[] _pilotTheme = ["vision", "leadership"];

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.Enabled || await db.Programmes.AnyAsync(cancellationToken))
        {
            return;
        }

        var accounts = await db.Users.AsNoTracking()
            .Where(u => u.UserName == DemoOrganisationSeeder.HrUser || u.UserName == DemoOrganisationSeeder.SponsorUser
                || u.UserName == DemoOrganisationSeeder.JuniorUser || u.UserName == DemoOrganisationSeeder.SeniorUser)
            .ToDictionaryAsync(u => u.UserName!, cancellationToken);
        if (!accounts.TryGetValue(DemoOrganisationSeeder.HrUser, out var hr) || !accounts.TryGetValue(DemoOrganisationSeeder.SponsorUser, out var sponsor))
        {
            return;
        }

        var people = await db.People.AsNoTracking().OrderBy(p => p.ExternalId).ToListAsync(cancellationToken);
        var topics = await db.ExperienceTopics.AsNoTracking().Where(t => !t.Archived).Select(t => t.Key).ToListAsync(cancellationToken);
        var random = new Random(20270111);
        var cast = DemoCast.Choose(people, random, excluded: [hr.PersonId, sponsor.PersonId], accounts.GetValueOrDefault(DemoOrganisationSeeder.JuniorUser), accounts.GetValueOrDefault(DemoOrganisationSeeder.SeniorUser));
        if (cast is null)
        {
            report.Add("Demo programmes: not seeded (the demo organisation is too small for two programmes).");
            return;
        }

        var now = time.GetUtcNow().UtcDateTime;
        var today = DateOnly.FromDateTime(now);
        var pilotStart = Monday(today.AddDays(-42), forward: false);
        var upcomingStart = Monday(today.AddDays(42), forward: true);
        var demo = new DemoAssessments(random, digComp, topics);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

        var pilot = Design(
            $"Pilota Monza {pilotStart.Year}",
            "Pilota di reverse mentoring partito dalla sede di Monza: dodici colleghi di generazioni diverse, con un tema, visione e " +
            "leadership. Obiettivo: provare il patto di reciprocità e la cadenza di sei incontri in dodici settimane prima di " +
            "estendere il programma a tutta l'azienda.",
            pilotStart, At(pilotStart, -35, 8), hr.Id, sponsor.Id);
        Enrol(pilot, cast.PilotJuniors, cast.PilotSeniors, demo, _pilotTheme, TimeSpan.FromHours(5));
        var upcoming = Design(
            $"Digitale Insieme {upcomingStart.Year}",
            "Seconda edizione del reverse mentoring di Officine Brianza, aperta a tutte le sedi. I colleghi più giovani " +
            "accompagnano i senior su collaborazione digitale, strumenti condivisi e sicurezza; i senior condividono visione, " +
            "leadership e conoscenza dell'azienda. Sei incontri in dodici settimane, in coppie di reparti diversi.",
            upcomingStart, now.AddDays(-20), hr.Id, sponsor.Id);
        Enrol(upcoming, cast.Juniors, cast.Seniors, demo, theme: null, TimeSpan.FromHours(6));
        await db.SaveChangesAsync(cancellationToken);

        await MatchAndAgreeAsync(pilot, Actor.ForUser(hr.Id, hr.PersonId, hr.DisplayName, Roles.ProgrammeManager), cast.PilotJuniors.Concat(cast.PilotSeniors), cast.DemoPair, demo, random, now, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        report.Add($"Demo programmes: '{upcoming.Name}' (assessed, ready to match), '{pilot.Name}' (pairs under way: pacts signed, sessions held and logged, one pair behind, one gone quiet).");
    }

    /// <summary>What <see cref="ProgrammeHandlers.CreateAsync"/> stores: the programme, validated, with its creator as manager.</summary>
    private Programme Design(string name, string description, DateOnly start, DateTime createdUtc, Guid managerId, Guid sponsorId)
    {
        var input = new ProgrammeInput(name, description, start, start.AddDays(7 * 12), PlannedSessions: 6, CadenceWeeks: 12);
        if (input.Validate(localizer) is { Count: > 0 } errors)
        {
            throw new InvalidOperationException($"Demo programme '{name}' is invalid: {string.Join(" ", errors.SelectMany(e => e.Value))}");
        }

        var programme = new Programme { Name = "", CreatedBy = managerId, CreatedUtc = createdUtc, UpdatedUtc = createdUtc };
        input.ApplyTo(programme);
        db.Programmes.Add(programme);
        db.ProgrammeMembers.Add(new ProgrammeMember { ProgrammeId = programme.Id, UserId = managerId, Role = ProgrammeAccess.ManagerRole });
        // The sponsor follows the programme's outcomes: a member, but never a reader of a pair's content.
        db.ProgrammeMembers.Add(new ProgrammeMember { ProgrammeId = programme.Id, UserId = sponsorId, Role = ProgrammeAccess.SponsorRole });
        return programme;
    }

    /// <summary>
    /// Enrolment two days after the design, then one self-assessment every <paramref name="step"/>, the two sides
    /// alternating, then everybody confirms the preparation checklist (a known success factor) the day after.
    /// </summary>
    private void Enrol(Programme programme, IReadOnlyList<DemoActor> juniors, IReadOnlyList<DemoActor> seniors, DemoAssessments demo, string[]? theme, TimeSpan step)
    {
        var enrolled = programme.CreatedUtc.AddDays(2);
        var order = juniors.Select((a, i) => (DemoActor: a, Junior: true, Rank: i)).Concat(seniors.Select((a, i) => (DemoActor: a, Junior: false, Rank: i)))
            .OrderBy(x => x.Rank).ThenBy(x => !x.Junior).ToList();
        var ready = enrolled.Add(step * (order.Count + 1)).AddDays(1);
        for (var i = 0; i < order.Count; i++)
        {
            var (actor, junior, _) = order[i];
            var participant = new Participant { ProgrammeId = programme.Id, PersonId = actor.Person.Id, EnrolledUtc = enrolled, ReadyUtc = ready };
            var assessment = junior ? demo.Junior(actor.Person, theme) : demo.Senior(actor.Person, theme);
            assessment.ParticipantId = participant.Id;
            assessment.SubmittedUtc = enrolled.Add(step * (i + 1));
            // As SubmitAssessmentHandler does: the side is proposed from the assessment, never from age.
            participant.ProposedSide = SideProposal.From(assessment);
            participant.AssessedUtc = assessment.SubmittedUtc;
            db.Participants.Add(participant);
            db.Assessments.Add(assessment);
        }
    }

    /// <summary>
    /// The pilot's run and publication through the handlers, then what each pair did: both accept, the digital mentor
    /// writes the pact from what the engine found they can give each other, both sign, and they meet at the rhythm
    /// <see cref="RhythmOf"/> gives them (<see cref="DemoSessions"/>), each logging what they taught and learned.
    /// </summary>
    private async Task MatchAndAgreeAsync(Programme programme, Actor hr, IEnumerable<DemoActor> cast, (Guid Junior, Guid Senior)? demoPair, DemoAssessments demo, Random random, DateTime now, CancellationToken cancellationToken)
    {
        var start = programme.StartsOn;
        var clock = new ReplayClock { Now = new DateTimeOffset(At(start, -20, 9), TimeSpan.Zero) };
        var matching = new MatchingHandlers(db, access, notifications, clock, localizer);
        if (demoPair is { } locked)
        {
            // Through the handler, so that a lock the rules forbid (the same reporting line) stops the seeding loudly.
            Expect(await matching.SetConstraintAsync(programme.Id, new SetConstraint(locked.Junior, locked.Senior, ConstraintKind.Lock), hr, cancellationToken), "locking the demo pair");
            clock.Now = clock.Now.AddHours(1);
        }

        var run = Expect(await matching.RunAsync(programme.Id, hr, cancellationToken), "the pilot's matching run");
        clock.Now = clock.Now.AddHours(2);
        // Published as the handler publishes, but nobody is told: the demo replays a past six weeks old.
        var stored = await db.MatchingRuns.Include(r => r.Proposals).SingleAsync(r => r.Id == run.Id, cancellationToken);
        var tracked = await db.Programmes.SingleAsync(p => p.Id == programme.Id, cancellationToken);
        MatchingHandlers.Publish(db, tracked, stored, hr.UserId, clock.Now.UtcDateTime);
        await db.SaveChangesAsync(cancellationToken);

        var users = cast.ToDictionary(a => a.Person.Id, a => a.UserId ?? Guid.Empty);
        var sessions = new DemoSessions(db, random);
        // The demo pair first: every pair but the last has held its first session, and the demo pair must be active.
        var pairs = (await db.Pairs.Where(p => p.ProgrammeId == programme.Id).OrderByDescending(p => p.Score).ThenBy(p => p.DigitalMentorId).ToListAsync(cancellationToken))
            .OrderBy(p => demoPair is { } d && p.DigitalMentorId == d.Junior && p.ExperienceMentorId == d.Senior ? 0 : 1).ToList();
        for (var i = 0; i < pairs.Count; i++)
        {
            var pair = pairs[i];
            var (junior, senior) = (users[pair.DigitalMentorId], users[pair.ExperienceMentorId]);
            var accepted = At(start, -19 + (i % 3), 9).AddMinutes(15 * i);
            pair.DigitalMentorAcceptedUtc = accepted;
            Move(pair, PairState.Proposed, accepted, junior);
            pair.ExperienceMentorAcceptedUtc = accepted.AddHours(5);
            Move(pair, PairState.Accepted, accepted.AddHours(5), senior);

            var written = At(start, -14 + (i % 4), 16);
            var pact = new Pact
            {
                PairId = pair.Id,
                CadenceSessions = programme.PlannedSessions,
                CadenceWeeks = programme.CadenceWeeks,
                ConfidentialityAccepted = true,
                UpdatedUtc = written,
                UpdatedBy = junior,
                DigitalMentorSignedUtc = written.AddHours(1),
                ExperienceMentorSignedUtc = written.AddDays(1),
            };
            pact.Goals.AddRange(demo.Goals(pact.Id, JsonSerializer.Deserialize<PairExplanation>(pair.Explanation, ApiJson.Options)!));
            db.Pacts.Add(pact);
            Move(pair, PairState.Agreed, written.AddDays(1), senior);

            // As the log handler does: the pair becomes active when its first held session is logged.
            var rhythm = RhythmOf(i, pairs.Count);
            if (sessions.Add(pair, pact, rhythm, DemoSessions.FirstDay(start, i), new TimeOnly(i % 2 == 0 ? 16 : 10, 0), now) is { } firstHeld)
            {
                Move(pair, PairState.Active, firstHeld.AddHours(3), junior, "first session held");
            }

            pair.Version = Guid.NewGuid();
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// The last pair has signed but not met, the one before has gone quiet, the one before that is behind its cadence;
    /// the others, the demo pair first, meet every two weeks.
    /// </summary>
    private static DemoRhythm RhythmOf(int index, int count) => (count - index) switch
    {
        1 => DemoRhythm.NotMet,
        2 when count >= 3 => DemoRhythm.Quiet,
        3 when count >= 4 => DemoRhythm.Behind,
        _ => DemoRhythm.OnTrack,
    };

    /// <summary>A state change with its history row, as the pair and pact handlers record it.</summary>
    private void Move(Pair pair, PairState to, DateTime atUtc, Guid byUserId, string? reason = null)
    {
        db.PairEvents.Add(new PairEvent { PairId = pair.Id, AtUtc = atUtc, ByUserId = byUserId, From = pair.State, To = to, Reason = reason });
        pair.State = to;
    }

    private static DateTime At(DateOnly day, int days, int hour) => day.AddDays(days).ToDateTime(new TimeOnly(hour, 0), DateTimeKind.Utc);

    private static DateOnly Monday(DateOnly day, bool forward)
    {
        var offset = ((int)day.DayOfWeek - (int)DayOfWeek.Monday + 7) % 7;
        return offset == 0 ? day : forward ? day.AddDays(7 - offset) : day.AddDays(-offset);
    }

    private static T Expect<T>(Result<T> result, string step) =>
        result.Succeeded
            ? result.Value!
            : throw new InvalidOperationException(
                $"Demo programmes: {step} was refused ({result.Problem!.Kind}: {result.Problem.Detail} {string.Join(" ", result.Problem.Errors.SelectMany(e => e.Value))}).");

    /// <summary>The handlers' clock while the pilot's matching is replayed in the past.</summary>
    private sealed class ReplayClock : TimeProvider
    {
        public DateTimeOffset Now { get; set; }

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
