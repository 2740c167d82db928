using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Reciproca.Web.Features.Pairs;
using Reciproca.Web.Infrastructure.Auth;
using Reciproca.Web.Infrastructure.Web.Api;
using Reciproca.Web.Tests.Support;

namespace Reciproca.Web.Tests.Home;

/// <summary>Each role's home page is its to-do list, and shows nothing outside the reader's scope.</summary>
public abstract class HomePagesTests(AppFixture fixture)
{
    private ReciprocaFactory Factory => fixture.Require();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Hr_sees_each_programme_they_manage_with_its_stage_next_step_and_counts_linking_to_the_lists()
    {
        var world = await HomeWorld.ArrangeAsync(Factory);
        using var hr = await HomeWorld.SignInAsync(Factory, world.Hr);
        using var otherHr = await HomeWorld.SignInAsync(Factory, world.OtherHr);

        var home = await hr.GetStringAsync("/", Ct);
        Assert.Contains(world.RunningName, home, StringComparison.Ordinal);
        Assert.DoesNotContain(world.AssessingName, home, StringComparison.Ordinal);
        Assert.Contains("data-stage=\"Agreement\"", home, StringComparison.Ordinal);
        Assert.Contains("1 pair is waiting for a signed pact.", home, StringComparison.Ordinal);
        Assert.Contains($"href=\"/Programmes/Matching/{world.Running}#pairs-heading\">1 pair accepted, pact to sign</a>", home, StringComparison.Ordinal);
        Assert.Contains($"href=\"/Programmes/Details/{world.Running}#cohort-heading\">2 people enrolled</a>", home, StringComparison.Ordinal);

        var other = await otherHr.GetStringAsync("/?culture=it", Ct);
        Assert.Contains(world.AssessingName, other, StringComparison.Ordinal);
        Assert.DoesNotContain(world.RunningName, other, StringComparison.Ordinal);
        Assert.Contains("data-stage=\"Assessment\"", other, StringComparison.Ordinal);
        Assert.Contains("1 su 2 non ha ancora fatto l&#x27;autovalutazione: manda un promemoria.", other, StringComparison.Ordinal);
        Assert.Contains("2 persone iscritte", other, StringComparison.Ordinal);
        Assert.Contains("1 autovalutazione completata", other, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_participant_sees_their_programmes_their_next_step_and_their_partner_never_another_programme()
    {
        var world = await HomeWorld.ArrangeAsync(Factory);
        using var junior = await HomeWorld.SignInAsync(Factory, world.JuniorUser);
        using var third = await HomeWorld.SignInAsync(Factory, world.ThirdUser);

        var home = await junior.GetStringAsync("/", Ct);
        Assert.Contains(world.RunningName, home, StringComparison.Ordinal);
        Assert.DoesNotContain(world.AssessingName, home, StringComparison.Ordinal);
        Assert.Contains("data-todo=\"WritePact\"", home, StringComparison.Ordinal);
        Assert.Contains($"<a href=\"/Programmes/Pair/{world.Running}\">Write the reciprocity pact with your partner.</a>", home, StringComparison.Ordinal);
        Assert.Contains(world.Senior.DisplayName, home, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"home-hr\"", home, StringComparison.Ordinal);

        var thirdHome = await third.GetStringAsync("/?culture=it", Ct);
        Assert.Contains(world.AssessingName, thirdHome, StringComparison.Ordinal);
        Assert.Contains("data-todo=\"ReadPreparation\"", thirdHome, StringComparison.Ordinal);
        Assert.Contains("Leggi la lista di preparazione e conferma.", thirdHome, StringComparison.Ordinal);
        Assert.DoesNotContain(world.RunningName, thirdHome, StringComparison.Ordinal);
        Assert.DoesNotContain(world.Senior.DisplayName, thirdHome, StringComparison.Ordinal);
        Assert.DoesNotContain(world.Junior.DisplayName, thirdHome, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_sponsor_sees_programme_level_figures_only_never_a_pair_nor_the_managers_lists()
    {
        var world = await HomeWorld.ArrangeAsync(Factory);
        using var sponsor = await HomeWorld.SignInAsync(Factory, world.Sponsor);

        var home = await sponsor.GetStringAsync("/", Ct);
        Assert.Contains(world.RunningName, home, StringComparison.Ordinal);
        Assert.DoesNotContain(world.AssessingName, home, StringComparison.Ordinal);
        Assert.Contains("1 pair accepted, pact to sign", home, StringComparison.Ordinal);
        Assert.Contains("2 people enrolled", home, StringComparison.Ordinal);
        Assert.DoesNotContain(world.Junior.DisplayName, home, StringComparison.Ordinal);
        Assert.DoesNotContain(world.Senior.DisplayName, home, StringComparison.Ordinal);
        Assert.DoesNotContain("/Programmes/Matching/", home, StringComparison.Ordinal);
        Assert.DoesNotContain("/Programmes/Pair/", home, StringComparison.Ordinal);

        var programme = await sponsor.GetStringAsync($"/Programmes/Details/{world.Running}", Ct);
        Assert.Contains("1 pair accepted, pact to sign", programme, StringComparison.Ordinal);
        Assert.DoesNotContain(world.Junior.DisplayName, programme, StringComparison.Ordinal);
        Assert.DoesNotContain("readiness-heading", programme, StringComparison.Ordinal);
        var pair = await sponsor.GetAsync($"/Programmes/Pair/{world.Running}", Ct);
        Assert.NotEqual(HttpStatusCode.OK, pair.StatusCode);
    }

    [Fact]
    public async Task An_administrator_sees_the_accounts_to_look_after_and_no_programme_list_without_the_hr_role()
    {
        var name = await Factory.CreateUserAsync(Roles.Administrator);
        await Factory.WithDbAsync(db => db.Users.Where(u => u.UserName == name).ExecuteUpdateAsync(s => s.SetProperty(u => u.MustChangePassword, false)));
        var fresh = await Factory.CreateUserAsync(Roles.Participant);
        await Factory.WithDbAsync(db => db.Users.Where(u => u.UserName == fresh).ExecuteUpdateAsync(s => s.SetProperty(u => u.MustChangePassword, true)));
        using var admin = await HomeWorld.SignInAsync(Factory, name);

        var home = await admin.GetStringAsync("/", Ct);
        Assert.Contains("id=\"home-admin\"", home, StringComparison.Ordinal);
        Assert.Matches(@"\d+ accounts? must still change", home);
        Assert.Contains("href=\"/Accounts\"", home, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"home-hr\"", home, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_preparation_checklist_shows_before_matching_and_a_running_programme_shows_what_is_happening()
    {
        var world = await HomeWorld.ArrangeAsync(Factory);
        using var third = await HomeWorld.SignInAsync(Factory, world.ThirdUser);
        using var junior = await HomeWorld.SignInAsync(Factory, world.JuniorUser);
        using var hr = await HomeWorld.SignInAsync(Factory, world.Hr);

        Assert.Contains("readiness-heading", await third.GetStringAsync($"/Programmes/Details/{world.Assessing}", Ct), StringComparison.Ordinal);
        var running = await junior.GetStringAsync($"/Programmes/Details/{world.Running}", Ct);
        Assert.DoesNotContain("readiness-heading", running, StringComparison.Ordinal);
        Assert.Contains($"href=\"/Programmes/Pair/{world.Running}\"", running, StringComparison.Ordinal);
        var managed = await hr.GetStringAsync($"/Programmes/Details/{world.Running}", Ct);
        Assert.DoesNotContain("readiness-heading", managed, StringComparison.Ordinal);
        Assert.Contains("1 pair is waiting for a signed pact.", managed, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await third.GetAsync($"/Programmes/Details/{world.Running}", Ct)).StatusCode);
    }
}

public sealed class HomePagesSqliteTests(SqliteAppFixture fixture) : HomePagesTests(fixture), IClassFixture<SqliteAppFixture>;

public sealed class HomePagesPostgresTests(PostgresAppFixture fixture) : HomePagesTests(fixture), IClassFixture<PostgresAppFixture>;

/// <summary>The partner's contact: the two partners only, on the page and the API.</summary>
public abstract class PartnerContactTests(AppFixture fixture)
{
    private ReciprocaFactory Factory => fixture.Require();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Each_partner_reads_the_others_contact_and_nobody_else_does()
    {
        var world = await HomeWorld.ArrangeAsync(Factory);
        var url = $"/api/v1/programmes/{world.Running}/pairs/{world.PairId}/partner";
        using var junior = await Factory.CreateClientForUserAsync(world.JuniorUser);
        using var senior = await Factory.CreateClientForUserAsync(world.SeniorUser);

        var seen = await junior.GetFromJsonAsync<PartnerContactView>(url, ApiJson.Options, Ct);
        Assert.Equal(world.Senior.Email, seen!.Email);
        Assert.Equal("Head of sales", seen.JobTitle);
        Assert.Equal("Vendite", seen.Department);
        Assert.Equal("Milano", seen.Location);
        Assert.Equal(["it", "en"], seen.Languages);
        Assert.Equal($"Martedì mattina {world.Senior.DisplayName}", seen.Availability);
        Assert.Equal(world.Junior.Email, (await senior.GetFromJsonAsync<PartnerContactView>(url, ApiJson.Options, Ct))!.Email);

        foreach (var (who, client) in new[]
        {
            ("a third participant", await Factory.CreateClientForUserAsync(world.ThirdUser)),
            ("HR of another programme", await Factory.CreateClientForUserAsync(world.OtherHr)),
            ("HR of the programme", await Factory.CreateClientForUserAsync(world.Hr)),
            ("the programme's sponsor", await Factory.CreateClientForUserAsync(world.Sponsor)),
        })
        {
            using (client)
            {
                using var response = await client.GetAsync(url, Ct);
                Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{who}: {(int)response.StatusCode}");
                Assert.DoesNotContain(world.Senior.Email!, await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public async Task My_pair_shows_the_partner_the_history_and_says_so_when_the_explanation_is_empty()
    {
        var world = await HomeWorld.ArrangeAsync(Factory);
        using var junior = await HomeWorld.SignInAsync(Factory, world.JuniorUser);
        using var third = await HomeWorld.SignInAsync(Factory, world.ThirdUser);

        var page = await junior.GetStringAsync($"/Programmes/Pair/{world.Running}?culture=it", Ct);
        Assert.Contains($"href=\"mailto:{world.Senior.Email}\"", page, StringComparison.Ordinal);
        Assert.Contains("Head of sales", page, StringComparison.Ordinal);
        Assert.Contains("Milano", page, StringComparison.Ordinal);
        Assert.Contains("l&#x27;abbinamento non ha trovato nulla di specifico", page, StringComparison.Ordinal);
        Assert.Contains("id=\"pair-history\"", page, StringComparison.Ordinal);
        Assert.Contains("ha proposto questa coppia.", page, StringComparison.Ordinal);
        Assert.Contains("ha accettato: avete accettato entrambi, potete scrivere il patto.", page, StringComparison.Ordinal);
        // Dates in the UI culture: Italian month names.
        Assert.Matches(@"\d{1,2} (gennaio|febbraio|marzo|aprile|maggio|giugno|luglio|agosto|settembre|ottobre|novembre|dicembre) \d{4}", page);

        var thirdPage = await third.GetAsync($"/Programmes/Pair/{world.Running}", Ct);
        Assert.Equal(HttpStatusCode.NotFound, thirdPage.StatusCode);
    }

    [Fact]
    public async Task The_pact_form_takes_tags_by_their_boxes_and_keeps_a_refused_value_as_typed()
    {
        var world = await HomeWorld.ArrangeAsync(Factory);
        using var junior = await HomeWorld.SignInAsync(Factory, world.JuniorUser);
        var mine = $"/Programmes/Pair/{world.Running}";
        List<KeyValuePair<string, string>> Pact(string sessions) =>
        [
            new("pairId", world.PairId.ToString()),
            new("Form.Goals[0].Direction", "DigitalToExperience"), new("Form.Goals[0].Text", "Lavagna condivisa"), new("Form.Goals[0].Tags", "2.4"), new("Form.Goals[0].Tags", "1.1"),
            new("Form.Goals[1].Direction", "ExperienceToDigital"), new("Form.Goals[1].Text", "Visione del team"), new("Form.Goals[1].Tags", "vision"),
            new("Form.CadenceSessions", sessions), new("Form.CadenceWeeks", "12"), new("Form.ConfidentialityAccepted", "true"),
        ];

        async Task<HttpResponseMessage> PostAsync(string sessions)
        {
            var page = await junior.GetStringAsync(mine, Ct);
            return await junior.PostAsync($"{mine}?handler=Pact", new FormUrlEncodedContent(Pact(sessions).Append(new("__RequestVerificationToken", BrowserSession.AntiforgeryToken(page)))), Ct);
        }

        foreach (var refused in new[] { "six", "0" })
        {
            var answer = await PostAsync(refused);
            Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
            var shown = await answer.Content.ReadAsStringAsync(Ct);
            Assert.Contains($"value=\"{refused}\"", shown, StringComparison.Ordinal);
            Assert.Contains("value=\"1.1\" id=\"tag-0-0-1-1\" checked=\"checked\"", shown, StringComparison.Ordinal);
            Assert.Contains("validation-summary-errors", shown, StringComparison.Ordinal);
            Assert.False(await Factory.WithDbAsync(db => db.Pacts.AnyAsync(p => p.PairId == world.PairId)), $"A cadence of \"{refused}\" was saved.");
        }

        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync("6")).StatusCode);
        var tags = await Factory.WithDbAsync(db => db.PactGoals.Where(g => db.Pacts.Any(p => p.Id == g.PactId && p.PairId == world.PairId)).OrderBy(g => g.Direction).Select(g => g.Tags).ToListAsync());
        Assert.Equal([["2.4", "1.1"], ["vision"]], tags);
        var stored = await junior.GetStringAsync($"{mine}?culture=it", Ct);
        Assert.Contains("2.4 Collaborare attraverso le tecnologie digitali, 1.1 Navigare, ricercare e filtrare dati, informazioni e contenuti digitali", stored, StringComparison.Ordinal);
        Assert.Contains("value=\"vision\"", stored, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_declined_pair_keeps_the_name_but_no_longer_gives_the_email()
    {
        var world = await HomeWorld.ArrangeAsync(Factory);
        await Factory.WithDbAsync(db => db.Pairs.Where(p => p.Id == world.PairId).ExecuteUpdateAsync(s => s.SetProperty(p => p.State, PairState.Declined)));
        using var junior = await Factory.CreateClientForUserAsync(world.JuniorUser);

        var seen = await junior.GetFromJsonAsync<PartnerContactView>($"/api/v1/programmes/{world.Running}/pairs/{world.PairId}/partner", ApiJson.Options, Ct);
        Assert.Equal(world.Senior.DisplayName, seen!.DisplayName);
        Assert.Null(seen.Email);
    }
}

public sealed class PartnerContactSqliteTests(SqliteAppFixture fixture) : PartnerContactTests(fixture), IClassFixture<SqliteAppFixture>;

public sealed class PartnerContactPostgresTests(PostgresAppFixture fixture) : PartnerContactTests(fixture), IClassFixture<PostgresAppFixture>;
