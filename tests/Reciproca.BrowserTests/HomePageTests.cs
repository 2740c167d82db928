using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Reciproca.BrowserTests.Support;
using Reciproca.Web.Features.Assessments;
using Reciproca.Web.Features.Pairs;
using Reciproca.Web.Features.Programmes;
using Reciproca.Web.Infrastructure.Auth;
using Reciproca.Web.Infrastructure.Data;

namespace Reciproca.BrowserTests;

/// <summary>
/// Issue 10: each role's home page as its to-do list, on demo-like data (a pilot under way with pairs in every state,
/// the next edition being assessed), in English and Italian, at desktop width and at 390 px; and the pact's tag
/// picker used by keyboard alone, in Italian.
/// </summary>
public sealed class HomePageTests(AppHost app, BrowserFixture browser) : BrowserTest(app, browser), IClassFixture<AppHost>
{
    private const string SponsorUser = "sponsor@test.example";
    private const string Explanation = """{"benefitToSenior":8000,"benefitToJunior":10000,"reciprocal":8888,"bonus":1000,"toSenior":[{"key":"2.4","value":6}],"toJunior":[{"key":"vision","value":1}],"rules":["DifferentDepartment"]}""";

    private sealed record World(Guid Pilot, Guid Next, SeededPerson Junior, SeededPerson Senior)
    {
        public string PilotCard => $"article[aria-labelledby$='{Pilot}']";

        public string NextCard => $"article[aria-labelledby$='{Next}']";
    }

    // The two tests share the application (one per class): each brings its own people, family names told apart.
    private async Task<World> ArrangeAsync(string family, CancellationToken cancellationToken)
    {
        var junior = await App.AddPersonWithAccountAsync($"Giulia {family}", "Ricerca e sviluppo", 2000, ["it", "en"], cancellationToken);
        var senior = await App.AddPersonWithAccountAsync($"Franco {family}", "Vendite", 1962, ["it"], cancellationToken);
        var others = new List<SeededPerson>();
        foreach (var (name, department, born) in new[] { ("Luca", "IT", 1999), ("Anna", "Finanza", 1966), ("Sara", "Marketing", 2001), ("Carlo", "Produzione", 1960), ("Marta", "IT", 1998), ("Paolo", "Acquisti", 1964) })
        {
            others.Add(await App.AddPersonWithAccountAsync($"{name} {family}", department, born, ["it"], cancellationToken));
        }

        await using var scope = App.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var sponsor = await users.FindByNameAsync(SponsorUser);
        if (sponsor is null)
        {
            sponsor = new AppUser { UserName = SponsorUser, Email = SponsorUser, DisplayName = "Sponsor Test", EmailConfirmed = true };
            Assert.True((await users.CreateAsync(sponsor, AppHost.Password)).Succeeded);
            Assert.True((await users.AddToRoleAsync(sponsor, Roles.Sponsor)).Succeeded);
        }
        var hr = await users.FindByNameAsync(AppHost.HrUser);
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var now = DateTime.UtcNow;
        var today = DateOnly.FromDateTime(now);
        var pilot = new Programme { Name = $"Pilota Monza {family}", Description = "Il pilota.", StartsOn = today.AddDays(-42), EndsOn = today.AddDays(42), Status = ProgrammeStatus.Running, CreatedBy = hr!.Id, CreatedUtc = now.AddDays(-80), UpdatedUtc = now };
        var next = new Programme { Name = $"Digitale Insieme {family}", Description = "La seconda edizione.", StartsOn = today.AddDays(42), EndsOn = today.AddDays(126), CreatedBy = hr.Id, CreatedUtc = now.AddDays(-20), UpdatedUtc = now };
        db.Programmes.AddRange(pilot, next);
        foreach (var programme in new[] { pilot, next })
        {
            db.ProgrammeMembers.Add(new ProgrammeMember { ProgrammeId = programme.Id, UserId = hr.Id, Role = ProgrammeAccess.ManagerRole });
            db.ProgrammeMembers.Add(new ProgrammeMember { ProgrammeId = programme.Id, UserId = sponsor.Id, Role = ProgrammeAccess.SponsorRole });
        }

        void Enrol(Programme programme, SeededPerson person, bool assessed)
        {
            var participant = new Participant { ProgrammeId = programme.Id, PersonId = person.Id, EnrolledUtc = now.AddDays(-60), ReadyUtc = assessed ? now.AddDays(-59) : null, AssessedUtc = assessed ? now.AddDays(-58) : null };
            db.Participants.Add(participant);
            if (assessed)
            {
                db.Assessments.Add(new Assessment { ParticipantId = participant.Id, Languages = ["it", "en"], Availability = "Martedì e giovedì mattina", SubmittedUtc = now.AddDays(-58) });
            }
        }

        Pair PairOf(SeededPerson digital, SeededPerson experience, PairState state) => new()
        {
            ProgrammeId = pilot.Id,
            DigitalMentorId = digital.Id,
            ExperienceMentorId = experience.Id,
            Score = 9_888,
            Explanation = Explanation,
            State = state,
            DigitalMentorAcceptedUtc = now.AddDays(-40),
            ExperienceMentorAcceptedUtc = now.AddDays(-39),
            CreatedUtc = now.AddDays(-41),
        };

        foreach (var person in new[] { junior, senior, others[0], others[1], others[2], others[3] })
        {
            Enrol(pilot, person, assessed: true);
        }

        Enrol(next, others[4], assessed: true);
        Enrol(next, others[5], assessed: false);
        Enrol(next, junior, assessed: false);
        var pairs = new[] { PairOf(junior, senior, PairState.Accepted), PairOf(others[0], others[1], PairState.Agreed), PairOf(others[2], others[3], PairState.Active) };
        db.Pairs.AddRange(pairs);
        foreach (var pair in pairs)
        {
            db.PairEvents.Add(new PairEvent { PairId = pair.Id, AtUtc = now.AddDays(-41), ByUserId = hr.Id, To = PairState.Proposed });
            db.PairEvents.Add(new PairEvent { PairId = pair.Id, AtUtc = now.AddDays(-39), ByUserId = Guid.Empty, From = PairState.Proposed, To = PairState.Accepted });
        }

        await db.SaveChangesAsync(cancellationToken);
        return new World(pilot.Id, next.Id, junior, senior);
    }

    [Fact]
    public async Task Each_roles_home_is_its_to_do_list_in_both_languages_at_both_widths()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var world = await ArrangeAsync("Rossi", cancellationToken);
        var hr = Page;
        var junior = await OpenPageAsync();
        var senior = await OpenPageAsync();
        var sponsor = await OpenPageAsync();
        await Task.WhenAll(SignInAsync(hr, AppHost.HrUser), SignInAsync(junior, world.Junior.UserName), SignInAsync(senior, world.Senior.UserName), SignInAsync(sponsor, SponsorUser));

        foreach (var (role, page) in new[] { ("hr", hr), ("junior", junior), ("senior", senior), ("sponsor", sponsor) })
        {
            foreach (var culture in new[] { "en", "it" })
            {
                foreach (var width in new[] { 1280, 390 })
                {
                    await page.SetViewportSizeAsync(width, 900);
                    await page.GotoAsync($"/?culture={culture}");
                    await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", culture);
                    await ExpectHomeAsync(role, page, culture, world);
                    var suffix = $"{(culture == "it" ? "-it" : "")}{(width == 390 ? "-390" : "")}";
                    await ScreenshotAsync(page, $"home-{role}{suffix}");
                    await AssertNoSeriousAxeViolationsAsync(page, $"the home page of {role} ({culture}, {width} px)");
                    if (width == 390)
                    {
                        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
                        Assert.True(overflow <= 0, $"The home page of {role} ({culture}) scrolls sideways by {overflow} px at 390 px.");
                    }
                }
            }
        }

        Assert.Empty(CspViolations);
    }

    private static async Task ExpectHomeAsync(string role, IPage page, string culture, World world)
    {
        var it = culture == "it";
        switch (role)
        {
            case "hr":
                var pilot = page.Locator($"#home-hr {world.PilotCard}");
                var next = page.Locator($"#home-hr {world.NextCard}");
                await Assertions.Expect(pilot.Locator("[data-stage='Agreement']")).ToHaveCountAsync(1);
                await Assertions.Expect(next.Locator("[data-stage='Assessment']")).ToHaveCountAsync(1);
                await Assertions.Expect(pilot).ToContainTextAsync(it ? "1 coppia attende un patto firmato." : "1 pair is waiting for a signed pact.");
                await Assertions.Expect(next).ToContainTextAsync(it ? "2 su 3 non hanno ancora fatto l'autovalutazione" : "2 of 3 have not assessed: remind them.");
                await Assertions.Expect(pilot).ToContainTextAsync(it ? "1 coppia attiva" : "1 pair active");
                break;
            case "junior":
                await Assertions.Expect(page.Locator($"#home-participant {world.PilotCard} [data-todo='WritePact']")).ToContainTextAsync(it ? "Scrivi il patto di reciprocità" : "Write the reciprocity pact");
                await Assertions.Expect(page.Locator($"#home-participant {world.NextCard} [data-todo='ReadPreparation']")).ToHaveCountAsync(1);
                await Assertions.Expect(page.Locator("#home-participant .partner")).ToContainTextAsync(world.Senior.DisplayName);
                await Assertions.Expect(page.Locator("#home-hr")).ToHaveCountAsync(0);
                break;
            case "senior":
                await Assertions.Expect(page.Locator("#home-participant [data-todo='WritePact']")).ToHaveCountAsync(1);
                await Assertions.Expect(page.Locator("#home-participant .partner")).ToContainTextAsync(world.Junior.DisplayName);
                await Assertions.Expect(page.Locator("#home-participant .home-programme")).ToHaveCountAsync(1);
                break;
            default:
                await Assertions.Expect(page.Locator($"#home-sponsor {world.PilotCard}")).ToContainTextAsync(it ? "1 coppia con il patto firmato" : "1 pair with a signed pact");
                await Assertions.Expect(page.Locator($"#home-sponsor {world.NextCard}")).ToHaveCountAsync(1);
                await Assertions.Expect(page.Locator("#home-sponsor")).Not.ToContainTextAsync(world.Junior.DisplayName);
                await Assertions.Expect(page.Locator("#home-sponsor a[href*='/Programmes/Matching/']")).ToHaveCountAsync(0);
                break;
        }
    }

    [Fact]
    public async Task The_pact_tags_are_picked_by_name_with_the_keyboard_in_italian()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var world = await ArrangeAsync("Bianchi", cancellationToken);
        // Italian for every request of the journey, the form's post included (as the language switch leaves it).
        await Page.Context.AddCookiesAsync([new Cookie { Name = ".AspNetCore.Culture", Value = "c%3Dit%7Cuic%3Dit", Url = App.BaseAddress.ToString() }]);
        await SignInAsync(world.Junior.UserName);
        await Page.GotoAsync($"/Programmes/Pair/{world.Pilot}");
        await Assertions.Expect(Page.Locator("html")).ToHaveAttributeAsync("lang", "it");
        await Assertions.Expect(Page.Locator("#partner-contact")).ToContainTextAsync("Martedì e giovedì mattina");
        await Assertions.Expect(Page.Locator("#partner-email")).ToHaveTextAsync(world.Senior.UserName);
        await Assertions.Expect(Page.Locator("#you-teach")).ToContainTextAsync("Collaborare attraverso le tecnologie digitali");
        await Assertions.Expect(Page.Locator("#pair-history li")).ToHaveCountAsync(2);

        // Keyboard only: the goal, then the tag picker (open, filter, tick), then the charter, then save.
        await Page.Locator("#goal-0").FocusAsync();
        await Page.Keyboard.TypeAsync("Usare una lavagna condivisa per la pianificazione");
        await Page.Locator("#tags-0 > summary").FocusAsync();
        await Page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(Page.Locator("#tags-0-filter")).ToBeVisibleAsync();
        await Page.Keyboard.PressAsync("Tab");
        await Assertions.Expect(Page.Locator("#tags-0-filter")).ToBeFocusedAsync();
        await Page.Keyboard.TypeAsync("collabor");
        await Assertions.Expect(Page.Locator("#tags-0-count")).ToHaveTextAsync("1 visualizzato");
        await Page.Keyboard.PressAsync("Enter");
        await Page.Keyboard.PressAsync("Tab");
        await Assertions.Expect(Page.Locator("#tags-0 input[value='2.4']")).ToBeFocusedAsync();
        await Page.Keyboard.PressAsync("Space");
        await Assertions.Expect(Page.Locator("#tags-0 .tag-picker-chosen")).ToHaveTextAsync("2.4 Collaborare attraverso le tecnologie digitali");
        await ScreenshotAsync("pact-tags-it");
        await AssertNoSeriousAxeViolationsAsync("the pact tag picker (it)");

        await Page.Locator("#Form_ConfidentialityAccepted").FocusAsync();
        await Page.Keyboard.PressAsync("Space");
        await Page.Locator("#save-pact").FocusAsync();
        await Page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(Page.Locator(".alert-success")).ToBeVisibleAsync();
        await Assertions.Expect(Page.Locator("#tags-0 input[value='2.4']")).ToBeCheckedAsync();
        await Assertions.Expect(Page.Locator("#tags-0 .tag-picker-chosen")).ToHaveTextAsync("2.4 Collaborare attraverso le tecnologie digitali");
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var goals = await db.PactGoals.Where(g => db.Pacts.Any(p => p.Id == g.PactId && db.Pairs.Any(x => x.Id == p.PairId && x.ProgrammeId == world.Pilot && x.DigitalMentorId == world.Junior.Id))).ToListAsync(cancellationToken);
        Assert.Equal(["2.4"], Assert.Single(goals).Tags);
        Assert.Empty(CspViolations);
    }
}
