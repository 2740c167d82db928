using Microsoft.EntityFrameworkCore;
using Reciproca.Web.Features.Assessments;
using Reciproca.Web.Features.Pairs;
using Reciproca.Web.Features.People;
using Reciproca.Web.Features.Programmes;
using Reciproca.Web.Infrastructure.Auth;
using Reciproca.Web.Tests.Support;

namespace Reciproca.Web.Tests.Home;

/// <summary>
/// Two programmes stored as the handlers store them. "Running": HR, a sponsor, Junior and Senior in an accepted pair
/// (no pact yet), both assessed. "Assessing": another HR, Third and Fourth enrolled, only Fourth assessed, Third not
/// ready. Names carry a tag so that tests sharing a database never see each other's data.
/// </summary>
public sealed record HomeWorld(
    Guid Running, string RunningName, Guid Assessing, string AssessingName, Guid PairId,
    Person Junior, Person Senior, Person Third,
    string Hr, string OtherHr, string Sponsor, string JuniorUser, string SeniorUser, string ThirdUser)
{
    public const string EmptyExplanation = """{"benefitToSenior":0,"benefitToJunior":0,"reciprocal":0,"bonus":0,"toSenior":[],"toJunior":[],"rules":[]}""";

    public static async Task<HomeWorld> ArrangeAsync(ReciprocaFactory factory)
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        Person PersonOf(string name, int born, string job, string department, string location) => new()
        {
            ExternalId = $"home-{tag}-{name}",
            DisplayName = $"{name} {tag}",
            BirthYear = born,
            JobTitle = job,
            Department = department,
            Location = location,
            Email = $"{name.ToLowerInvariant()}-{tag}@officine.example",
            Languages = ["it"],
        };
        var junior = PersonOf("Giulia", 2000, "Data analyst", "IT", "Monza");
        var senior = PersonOf("Franco", 1962, "Head of sales", "Vendite", "Milano");
        var third = PersonOf("Terzo", 1999, "Designer", "Marketing", "Torino");
        var fourth = PersonOf("Quarto", 1965, "Controller", "Finanza", "Torino");
        var hr = await factory.CreateUserAsync(Roles.ProgrammeManager);
        var otherHr = await factory.CreateUserAsync(Roles.ProgrammeManager);
        var sponsor = await factory.CreateUserAsync(Roles.Sponsor);
        var now = factory.Time.GetUtcNow().UtcDateTime;
        var today = DateOnly.FromDateTime(now);
        var running = new Programme { Name = $"Pilota {tag}", StartsOn = today.AddDays(-14), EndsOn = today.AddDays(70), Status = ProgrammeStatus.Running, CreatedUtc = now, UpdatedUtc = now };
        var assessing = new Programme { Name = $"Edizione {tag}", StartsOn = today.AddDays(30), EndsOn = today.AddDays(114), CreatedUtc = now, UpdatedUtc = now };
        var pair = new Pair
        {
            ProgrammeId = running.Id,
            DigitalMentorId = junior.Id,
            ExperienceMentorId = senior.Id,
            Score = 10_000,
            Explanation = EmptyExplanation,
            State = PairState.Accepted,
            DigitalMentorAcceptedUtc = now.AddDays(-3),
            ExperienceMentorAcceptedUtc = now.AddDays(-2),
            CreatedUtc = now.AddDays(-4),
        };

        await factory.WithDbAsync(async db =>
        {
            var ids = await db.Users.Where(u => u.UserName == hr || u.UserName == otherHr || u.UserName == sponsor).ToDictionaryAsync(u => u.UserName!, u => u.Id);
            db.People.AddRange(junior, senior, third, fourth);
            db.Programmes.AddRange(running, assessing);
            db.ProgrammeMembers.AddRange(
                new ProgrammeMember { ProgrammeId = running.Id, UserId = ids[hr], Role = ProgrammeAccess.ManagerRole },
                new ProgrammeMember { ProgrammeId = running.Id, UserId = ids[sponsor], Role = ProgrammeAccess.SponsorRole },
                new ProgrammeMember { ProgrammeId = assessing.Id, UserId = ids[otherHr], Role = ProgrammeAccess.ManagerRole });
            foreach (var (programme, person, assessed, ready) in new[] { (running, junior, true, true), (running, senior, true, true), (assessing, third, false, false), (assessing, fourth, true, true) })
            {
                var participant = new Participant { ProgrammeId = programme.Id, PersonId = person.Id, EnrolledUtc = now.AddDays(-20), ReadyUtc = ready ? now.AddDays(-19) : null, AssessedUtc = assessed ? now.AddDays(-18) : null };
                db.Participants.Add(participant);
                if (assessed)
                {
                    db.Assessments.Add(new Assessment { ParticipantId = participant.Id, Languages = ["it", "en"], Availability = $"Martedì mattina {person.DisplayName}", SubmittedUtc = now.AddDays(-18) });
                }
            }

            db.Pairs.Add(pair);
            db.PairEvents.AddRange(
                new PairEvent { PairId = pair.Id, AtUtc = now.AddDays(-4), ByUserId = ids[hr], To = PairState.Proposed },
                new PairEvent { PairId = pair.Id, AtUtc = now.AddDays(-3), ByUserId = Guid.Empty, From = PairState.Proposed, To = PairState.Proposed },
                new PairEvent { PairId = pair.Id, AtUtc = now.AddDays(-2), ByUserId = Guid.Empty, From = PairState.Proposed, To = PairState.Accepted });
            return await db.SaveChangesAsync();
        });

        return new HomeWorld(
            running.Id, running.Name, assessing.Id, assessing.Name, pair.Id, junior, senior, third, hr, otherHr, sponsor,
            await factory.CreateUserAsync(Roles.Participant, junior.Id), await factory.CreateUserAsync(Roles.Participant, senior.Id), await factory.CreateUserAsync(Roles.Participant, third.Id));
    }

    public static async Task<HttpClient> SignInAsync(ReciprocaFactory factory, string userName)
    {
        var client = BrowserSession.Create(factory);
        var response = await BrowserSession.SignInAsync(client, userName, ReciprocaFactory.UserPassword);
        return response.StatusCode == System.Net.HttpStatusCode.Redirect ? client : throw new InvalidOperationException($"Signing in {userName} answered {(int)response.StatusCode}.");
    }
}
