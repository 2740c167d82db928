using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Reciproca.Web.Features.Assessments;
using Reciproca.Web.Features.People;
using Reciproca.Web.Features.Programmes;
using Reciproca.Web.Infrastructure.Auth;
using Reciproca.Web.Infrastructure.Data;

namespace Reciproca.MatchingRun.Bench;

/// <summary>
/// A seeded company of 2 x n people with reporting lines, one programme with all of them assessed (21 DigComp levels,
/// wishes and topics), an HR manager, and a 10 x 10 warm-up programme. Written in bulk through EF, outside the timing.
/// </summary>
internal static class BenchData
{
    private static readonly string[] _topics =
    [
        "vision", "specific-objective", "problem-solving", "leadership", "project-management", "feedback",
        "stakeholder-management", "negotiation", "organisation-knowledge", "career-development", "public-speaking", "decision-making",
    ];

    public static async Task<(Actor Hr, Guid WarmUp, Guid Programme)> SeedAsync(IServiceProvider services, int perSide)
    {
        var random = new Random(2026);
        var now = DateTime.UtcNow;
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        foreach (var topic in ExperienceTopic.BuiltIns())
        {
            db.ExperienceTopics.Add(topic);
        }

        var hr = new AppUser { UserName = "hr@bench.example", NormalizedUserName = "HR@BENCH.EXAMPLE", Email = "hr@bench.example" };
        db.Users.Add(hr);

        // Managers first (a fifth of the company), so that everybody has a reporting line two levels deep.
        var people = new List<Person>(2 * perSide);
        for (var i = 0; i < 2 * perSide; i++)
        {
            var junior = i % 2 == 0;
            var person = new Person
            {
                ExternalId = $"B{i:000000}",
                DisplayName = $"Persona {i}",
                Email = $"persona.{i}@bench.example",
                BirthYear = junior ? random.Next(1993, 2006) : random.Next(1955, 1976),
                Department = $"Reparto {random.Next(20)}",
                Location = $"Sede {random.Next(6)}",
                Languages = random.Next(10) < 6 ? ["it", "en"] : ["it"],
                ManagerId = i < 20 ? null : people[random.Next(Math.Min(i, 2 * perSide / 5))].Id,
                CreatedUtc = now,
            };
            person.Touch(now);
            people.Add(person);
        }

        db.People.AddRange(people);
        var warmUp = Programme(db, hr.Id, "Warm-up", now);
        var programme = Programme(db, hr.Id, "Bench 2,000 x 2,000", now);
        for (var i = 0; i < people.Count; i++)
        {
            Enrol(db, random, programme, people[i], junior: i % 2 == 0, now);
            if (i < 20)
            {
                Enrol(db, random, warmUp, people[i], junior: i % 2 == 0, now);
            }
        }

        await db.SaveChangesAsync();
        var principal = Actor.ForUser(hr.Id, hr.PersonId, "HR", Roles.ProgrammeManager);
        return (principal, warmUp.Id, programme.Id);
    }

    private static Programme Programme(AppDbContext db, Guid hr, string name, DateTime now)
    {
        var programme = new Programme { Name = name, StartsOn = new DateOnly(2027, 1, 11), EndsOn = new DateOnly(2027, 4, 5), CreatedBy = hr, CreatedUtc = now, UpdatedUtc = now };
        db.Programmes.Add(programme);
        db.ProgrammeMembers.Add(new ProgrammeMember { ProgrammeId = programme.Id, UserId = hr, Role = ProgrammeAccess.ManagerRole });
        return programme;
    }

    private static void Enrol(AppDbContext db, Random random, Programme programme, Person person, bool junior, DateTime now)
    {
        var participant = new Participant { ProgrammeId = programme.Id, PersonId = person.Id, EnrolledUtc = now.AddDays(-3), ReadyUtc = now.AddDays(-2) };
        var assessment = new Assessment { ParticipantId = participant.Id, Languages = [.. person.Languages], SubmittedUtc = now.AddDays(-2) };
        foreach (var area in new[] { 3, 6, 4, 4, 4 }.Select((count, a) => (Area: a + 1, Count: count)))
        {
            for (var c = 1; c <= area.Count; c++)
            {
                var level = junior ? random.Next(area.Area == 2 ? 5 : 3, 9) : random.Next(1, area.Area == 2 ? 4 : 6);
                assessment.Levels.Add(new AssessmentLevel { AssessmentId = assessment.Id, CompetenceId = $"{area.Area}.{c}", Level = level });
            }
        }

        if (junior)
        {
            assessment.WantedTopics = Pick(random, _topics, random.Next(1, 4));
        }
        else
        {
            assessment.WantedCompetences = Pick(random, [.. assessment.Levels.Select(l => l.CompetenceId)], random.Next(2, 4));
            assessment.OfferedTopics = Pick(random, _topics, random.Next(2, 4));
        }

        participant.ProposedSide = SideProposal.From(assessment);
        participant.AssessedUtc = assessment.SubmittedUtc;
        db.Participants.Add(participant);
        db.Assessments.Add(assessment);
    }

    private static List<string> Pick(Random random, string[] from, int count)
    {
        var copy = from.ToArray();
        random.Shuffle(copy);
        return [.. copy.Take(count)];
    }
}
