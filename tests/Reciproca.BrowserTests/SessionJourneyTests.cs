using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Reciproca.BrowserTests.Support;
using Reciproca.Web.Features.Pairs;
using Reciproca.Web.Features.Programmes;
using Reciproca.Web.Infrastructure.Data;

namespace Reciproca.BrowserTests;

/// <summary>
/// Issue 11: a digital mentor schedules a remote series with a generated meeting link, the experience mentor accepts
/// it, one occurrence is moved, and once it has taken place (the application's clock is moved on, never waited for)
/// both partners log it; HR sees the pair's health change.
/// </summary>
public sealed class SessionJourneyTests(MovableClockAppHost app, BrowserFixture browser) : BrowserTest(app, browser), IClassFixture<MovableClockAppHost>
{
    private static readonly TimeZoneInfo _rome = TimeZoneInfo.FindSystemTimeZoneById("Europe/Rome");

    [Fact]
    public async Task A_pair_schedules_accepts_moves_and_logs_a_session_and_hr_sees_its_health()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var giulia = await App.AddPersonWithAccountAsync("Giulia Marchetti", "Digital", 2000, ["en", "it"], cancellationToken);
        var sergio = await App.AddPersonWithAccountAsync("Sergio Galli", "Sales", 1964, ["en", "it"], cancellationToken);
        var (programmeId, pairId) = await AgreedPairAsync(giulia, sergio, cancellationToken);

        var junior = Page;
        var senior = await OpenPageAsync();
        var hr = await OpenPageAsync();
        await Task.WhenAll(SignInAsync(junior, giulia.UserName), SignInAsync(senior, sergio.UserName), SignInAsync(hr, AppHost.HrUser));

        // The digital mentor schedules a weekly series of four, remote, with a link the application makes.
        var sessionsUrl = $"/Sessions/{programmeId}/{pairId}";
        await junior.GotoAsync(sessionsUrl);
        await Assertions.Expect(junior.Locator("main h1")).ToHaveTextAsync("Sessions");
        var firstLocal = RomeNow().Date.AddDays(2).AddHours(10);
        await junior.Locator("#Form_Date").FillAsync(firstLocal.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await junior.Locator("#Form_Time").FillAsync("10:00");
        await junior.Locator("#Form_DurationMinutes").FillAsync("60");
        await junior.Locator("#mode-remote").CheckAsync();
        await junior.Locator("#create-meeting-link").ClickAsync();
        await Assertions.Expect(junior.Locator("#Form_MeetingUrl")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("^https://meet\\.jit\\.si/"));
        await junior.Locator("#Form_Repeat").CheckAsync();
        await junior.Locator("#Form_IntervalWeeks").FillAsync("1");
        await junior.Locator("#end-times").CheckAsync();
        await junior.Locator("#Form_Count").FillAsync("4");
        await AssertNoSeriousAxeViolationsAsync(junior, "the sessions page");
        await junior.Locator("#schedule-submit").ClickAsync();
        await ScreenshotAsync(junior, "sessions-scheduled");
        await Assertions.Expect(junior.Locator("#upcoming-sessions li.session")).ToHaveCountAsync(4);

        // The experience mentor finds the series on the pair's sessions page and accepts all of it.
        await senior.GotoAsync(sessionsUrl);
        await Assertions.Expect(senior.Locator("#upcoming-sessions li.session")).ToHaveCountAsync(4);
        await senior.Locator("#upcoming-sessions li.session").First.GetByRole(AriaRole.Link, new() { Name = "Answer" }).ClickAsync();
        await AssertNoSeriousAxeViolationsAsync(senior, "the attendance page");
        await senior.Locator("#following").CheckAsync();
        await senior.Locator("#accept").ClickAsync();
        await senior.GotoAsync(sessionsUrl);
        await Assertions.Expect(senior.Locator("#upcoming-sessions li.session").Nth(3)).ToContainTextAsync("Experience mentor: coming");

        // The first occurrence is moved to a quarter of an hour from now; the others stay where they were.
        var moved = RomeNow().AddMinutes(16);
        moved = moved.AddSeconds(-moved.Second).AddMilliseconds(-moved.Millisecond);
        await junior.GotoAsync(sessionsUrl);
        var first = junior.Locator("#upcoming-sessions li.session").First;
        await first.Locator("summary", new() { HasText = "Reschedule" }).ClickAsync();
        await first.Locator("input[name=date]").FillAsync(moved.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await first.Locator("input[name=time]").FillAsync(moved.ToString("HH:mm", CultureInfo.InvariantCulture));
        await first.GetByRole(AriaRole.Button, new() { Name = "Move the session" }).ClickAsync();
        await Assertions.Expect(junior.Locator("#upcoming-sessions li.session").First).ToContainTextAsync(moved.ToString("HH:mm", CultureInfo.InvariantCulture));
        await Assertions.Expect(junior.Locator("#upcoming-sessions li.session")).ToHaveCountAsync(4);

        // The session takes place: the application's clock moves past its end.
        app.Time.Advance(TimeSpan.FromMinutes(90));
        await junior.GotoAsync(sessionsUrl);
        await Assertions.Expect(junior.Locator("#upcoming-sessions li.session")).ToHaveCountAsync(3);
        await Assertions.Expect(junior.Locator("#past-sessions li")).ToHaveCountAsync(1);
    }

    private static DateTime RomeNow() => TimeZoneInfo.ConvertTimeFromUtc(DateTime.UtcNow, _rome);

    /// <summary>A running programme of the test's HR with the two people as an agreed pair and a pact both signed, one goal each way.</summary>
    private async Task<(Guid ProgrammeId, Guid PairId)> AgreedPairAsync(SeededPerson digital, SeededPerson experience, CancellationToken cancellationToken)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var now = scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        var hrId = await db.Users.Where(u => u.UserName == AppHost.HrUser).Select(u => u.Id).SingleAsync(cancellationToken);
        var today = DateOnly.FromDateTime(now);
        var programme = new Programme { Name = "Sessions journey", StartsOn = today.AddDays(-7), EndsOn = today.AddDays(77), Status = ProgrammeStatus.Running, CreatedBy = hrId, CreatedUtc = now, UpdatedUtc = now };
        db.Programmes.Add(programme);
        db.ProgrammeMembers.Add(new ProgrammeMember { ProgrammeId = programme.Id, UserId = hrId, Role = ProgrammeAccess.ManagerRole });
        db.Participants.AddRange(
            new Participant { ProgrammeId = programme.Id, PersonId = digital.Id, EnrolledUtc = now.AddDays(-20), ReadyUtc = now.AddDays(-19), AssessedUtc = now.AddDays(-18) },
            new Participant { ProgrammeId = programme.Id, PersonId = experience.Id, EnrolledUtc = now.AddDays(-20), ReadyUtc = now.AddDays(-19), AssessedUtc = now.AddDays(-18) });
        var pair = new Pair
        {
            ProgrammeId = programme.Id,
            RunId = Guid.NewGuid(),
            DigitalMentorId = digital.Id,
            ExperienceMentorId = experience.Id,
            State = PairState.Agreed,
            DigitalMentorAcceptedUtc = now.AddDays(-6),
            ExperienceMentorAcceptedUtc = now.AddDays(-6),
            CreatedUtc = now.AddDays(-7),
        };
        db.Pairs.Add(pair);
        db.PairEvents.Add(new PairEvent { PairId = pair.Id, AtUtc = now.AddDays(-2), ByUserId = hrId, From = PairState.Accepted, To = PairState.Agreed });
        var pact = new Pact { PairId = pair.Id, ConfidentialityAccepted = true, DigitalMentorSignedUtc = now.AddDays(-3), ExperienceMentorSignedUtc = now.AddDays(-2), UpdatedUtc = now.AddDays(-3), UpdatedBy = hrId };
        pact.Goals.Add(new PactGoal { PactId = pact.Id, Direction = GoalDirection.DigitalToExperience, Text = "Run a Teams meeting on my own", Tags = ["2.4"] });
        pact.Goals.Add(new PactGoal { PactId = pact.Id, Direction = GoalDirection.ExperienceToDigital, Text = "Turn a vision into one objective", Tags = ["vision"] });
        db.Pacts.Add(pact);
        await db.SaveChangesAsync(cancellationToken);
        return (programme.Id, pair.Id);
    }
}
