using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Reciproca.Web.Features.Programmes;
using Reciproca.Web.Infrastructure.Auth;
using Reciproca.Web.Tests.Support;

namespace Reciproca.Web.Tests;

/// <summary>The programme pages as a browser drives them: forms, antiforgery, redirects, denials.</summary>
public sealed partial class ProgrammePagesTests(SqliteAppFixture fixture) : IClassFixture<SqliteAppFixture>
{
    private ReciprocaFactory Factory => fixture.Require();

    private Task<HttpClient> SignInAsync(string role, Guid? personId = null) => BrowserSession.SignedInAsync(Factory, role, personId);

    private static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string pageUrl, string postUrl, IEnumerable<KeyValuePair<string, string>> fields)
    {
        var page = await client.GetStringAsync(pageUrl);
        var form = fields.Append(new("__RequestVerificationToken", BrowserSession.AntiforgeryToken(page)));
        return await client.PostAsync(postUrl, new FormUrlEncodedContent(form));
    }

    /// <summary>A complete assessment through the pages: every competence rated (4 unless given), the summary, submit.</summary>
    private static async Task AssessAsync(HttpClient participant, Guid programmeId, Dictionary<string, int> levels, IEnumerable<KeyValuePair<string, string>> fields)
    {
        var edit = $"/Assessments/Edit/{programmeId}";
        var review = $"/Assessments/Review/{programmeId}";
        var rated = new Reciproca.Web.Features.Assessments.DigCompCatalogue().CompetenceIds
            .Select(c => new KeyValuePair<string, string>($"Levels[{c}]", levels.GetValueOrDefault(c, 4).ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(review, (await PostFormAsync(participant, edit, edit, rated.Concat(fields).Append(new("step", "review")))).Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, (await PostFormAsync(participant, review, review, [])).StatusCode);
    }

    private static Dictionary<string, string> ProgrammeFields(string name) => new()
    {
        ["Form.Name"] = name,
        ["Form.Description"] = "Pilot",
        ["Form.StartsOn"] = "2027-01-11",
        ["Form.EndsOn"] = "2027-04-09",
        ["Form.PlannedSessions"] = "6",
        ["Form.CadenceWeeks"] = "12",
        ["Form.ReportingLineDepth"] = "2",
        ["Form.OtherDepartmentWeight"] = "10",
        ["Form.OtherLocationWeight"] = "5",
        ["Form.MinimumScore"] = "1",
        ["Form.ExperienceMentorCapacity"] = "1",
        ["Form.AssessDigital"] = "true",
        ["Form.AssessExperience"] = "true",
    };

    [Fact]
    public async Task Hr_creates_a_programme_enrols_people_and_a_participant_assesses_themselves()
    {
        using var admin = Factory.CreateApiClient();
        await ImportRequest.ReadResultAsync(await ImportRequest.PostAsync(admin, ImportRequest.Utf8("id;name;born\r\npp1;Giulia Neri;2001\r\npp2;Franco Sala;1959\r\n"),
            new Dictionary<string, string> { ["externalId"] = "id", ["displayName"] = "name", ["birthYear"] = "born" }), HttpStatusCode.OK);
        var people = await Factory.WithDbAsync(db => db.People.Where(p => p.ExternalId.StartsWith("pp")).OrderBy(p => p.ExternalId).Select(p => p.Id).ToListAsync());
        using var hr = await SignInAsync(Roles.ProgrammeManager);

        var created = await PostFormAsync(hr, "/Programmes/Create", "/Programmes/Create", ProgrammeFields("Pagine 2027"));
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var details = created.Headers.Location!.OriginalString;
        var programmeId = Guid.Parse(details.Split('/').Last());

        var enrolled = await PostFormAsync(hr, details, $"{details}?handler=Enrol", people.Select(id => new KeyValuePair<string, string>("Selected", id.ToString())));
        Assert.Equal(HttpStatusCode.Redirect, enrolled.StatusCode);
        var page = await hr.GetStringAsync(details, TestContext.Current.CancellationToken);
        Assert.Contains("Giulia Neri", page, StringComparison.Ordinal);
        Assert.Contains("Franco Sala", page, StringComparison.Ordinal);

        using var giulia = await SignInAsync(Roles.Participant, people[0]);
        var assessmentUrl = $"/Assessments/Edit/{programmeId}";
        var form = new List<KeyValuePair<string, string>> { new("Levels[1.1]", "7"), new("Levels[2.4]", "8"), new("WantedTopics", "leadership"), new("Languages", "it"), new("Languages", "en") };
        var saved = await PostFormAsync(giulia, assessmentUrl, assessmentUrl, form);

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var participants = await hr.GetStringAsync(details, TestContext.Current.CancellationToken);
        Assert.Contains("Digital mentor", participants, StringComparison.Ordinal);
        Assert.Equal(2, await Factory.WithDbAsync(db => db.Assessments.Where(a => db.Participants.Any(p => p.Id == a.ParticipantId && p.PersonId == people[0])).SelectMany(a => a.Levels).CountAsync()));
    }

    [Fact]
    public async Task Hr_runs_and_publishes_matching_and_the_pair_accepts_and_signs_its_pact_through_the_pages()
    {
        using var admin = Factory.CreateApiClient();
        await ImportRequest.ReadResultAsync(await ImportRequest.PostAsync(admin, ImportRequest.Utf8("id;name;born;dept\r\nmj1;Sara Gialli;2002;IT\r\nms1;Carlo Verdi;1961;Vendite\r\n"),
            new Dictionary<string, string> { ["externalId"] = "id", ["displayName"] = "name", ["birthYear"] = "born", ["department"] = "dept" }), HttpStatusCode.OK);
        var junior = await Factory.WithDbAsync(db => db.People.SingleAsync(p => p.ExternalId == "mj1"));
        var senior = await Factory.WithDbAsync(db => db.People.SingleAsync(p => p.ExternalId == "ms1"));
        using var hr = await SignInAsync(Roles.ProgrammeManager);
        var created = await PostFormAsync(hr, "/Programmes/Create", "/Programmes/Create", ProgrammeFields("Coppie 2027"));
        var programmeId = Guid.Parse(created.Headers.Location!.OriginalString.Split('/').Last());
        await PostFormAsync(hr, $"/Programmes/Details/{programmeId}", $"/Programmes/Details/{programmeId}?handler=Enrol", [new("Selected", junior.Id.ToString()), new("Selected", senior.Id.ToString())]);
        using var sara = await SignInAsync(Roles.Participant, junior.Id);
        using var carlo = await SignInAsync(Roles.Participant, senior.Id);
        var assess = $"/Assessments/Edit/{programmeId}";
        await AssessAsync(sara, programmeId, new() { ["2.4"] = 8, ["2.1"] = 7 }, [new("WantedTopics", "vision"), new("Languages", "it")]);
        await AssessAsync(carlo, programmeId, new() { ["2.4"] = 1 }, [new("WantedCompetences", "2.4"), new("OfferedTopics", "vision"), new("Languages", "it")]);

        var review = $"/Programmes/Matching/{programmeId}";
        Assert.Equal(HttpStatusCode.Redirect, (await PostFormAsync(hr, review, $"{review}?handler=Run", [])).StatusCode);
        var draft = await hr.GetStringAsync(review, TestContext.Current.CancellationToken);
        Assert.Contains("Sara Gialli", draft, StringComparison.Ordinal);
        Assert.Contains("2.4 Collaborating through digital technologies (&#x2B;7 levels)", draft, StringComparison.Ordinal);
        var runId = await Factory.WithDbAsync(db => db.MatchingRuns.Where(r => r.ProgrammeId == programmeId).Select(r => r.Id).SingleAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await PostFormAsync(hr, review, $"{review}?handler=Publish", [new("runId", runId.ToString()), new("confirmed", "true")])).StatusCode);

        var mine = $"/Programmes/Pair/{programmeId}";
        var pairId = await Factory.WithDbAsync(db => db.Pairs.Where(p => p.ProgrammeId == programmeId).Select(p => p.Id).SingleAsync());
        Assert.Contains("Carlo Verdi", await sara.GetStringAsync(mine, TestContext.Current.CancellationToken), StringComparison.Ordinal);
        await PostFormAsync(sara, mine, $"{mine}?handler=Accept", [new("pairId", pairId.ToString())]);
        await PostFormAsync(carlo, mine, $"{mine}?handler=Accept", [new("pairId", pairId.ToString())]);
        var pact = new List<KeyValuePair<string, string>>
        {
            new("pairId", pairId.ToString()),
            new("Form.Goals[0].Direction", "DigitalToExperience"), new("Form.Goals[0].Text", "Condividere documenti in cloud"), new("Form.Goals[0].Tags", "2.4"),
            new("Form.Goals[1].Direction", "ExperienceToDigital"), new("Form.Goals[1].Text", "Scrivere la visione del team"), new("Form.Goals[1].Tags", "vision"),
            new("Form.CadenceSessions", "6"), new("Form.CadenceWeeks", "12"), new("Form.ConfidentialityAccepted", "true"),
        };
        Assert.Equal(HttpStatusCode.Redirect, (await PostFormAsync(sara, mine, $"{mine}?handler=Pact", pact)).StatusCode);
        foreach (var partner in new[] { sara, carlo })
        {
            var version = await Factory.WithDbAsync(db => db.Pacts.Where(p => p.PairId == pairId).Select(p => p.Version).SingleAsync());
            Assert.Equal(HttpStatusCode.Redirect, (await PostFormAsync(partner, mine, $"{mine}?handler=Sign", [new("pairId", pairId.ToString()), new("Form.Version", version.ToString())])).StatusCode);
        }

        Assert.Contains("pact signed", await carlo.GetStringAsync(mine, TestContext.Current.CancellationToken), StringComparison.Ordinal);
        var hrView = await hr.GetStringAsync(review, TestContext.Current.CancellationToken);
        Assert.Contains("Published pairs and their answers", hrView, StringComparison.Ordinal);
        Assert.Contains("pact signed", hrView, StringComparison.Ordinal);
        Assert.DoesNotContain("Scrivere la visione del team", hrView, StringComparison.Ordinal);
        var participantOnReview = await carlo.GetAsync(review, TestContext.Current.CancellationToken);
        Assert.StartsWith("/Account/AccessDenied", participantOnReview.Headers.Location?.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Hr_invites_by_email_and_reminds_to_assess_from_the_programme_page()
    {
        using var hr = await SignInAsync(Roles.ProgrammeManager);
        var created = await PostFormAsync(hr, "/Programmes/Create", "/Programmes/Create", ProgrammeFields("Inviti 2027"));
        var details = created.Headers.Location!.OriginalString;
        var programmeId = Guid.Parse(details.Split('/').Last());
        var tag = Guid.NewGuid().ToString("N")[..8];
        // Earlier tests of this class enrol people, which tells them: only this test's e-mails are counted.
        await Factory.TakeMailAsync();

        var bad = await PostFormAsync(hr, details, $"{details}?handler=Invite", [new("Invite.Emails", $"ok-{tag}@officine.example\nnot an address"), new("Invite.Note", "Benvenuti")]);
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        var badPage = await bad.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains("id=\"invite-errors\"", badPage, StringComparison.Ordinal);
        Assert.Contains("Nobody was invited", badPage, StringComparison.Ordinal);
        Assert.Contains("Benvenuti", badPage, StringComparison.Ordinal);
        // The refused field says so itself, and names its message for a screen reader.
        Assert.Contains("<textarea id=\"invite-emails\" name=\"Invite.Emails\" class=\"form-control is-invalid\" rows=\"3\" aria-describedby=\"invite-emails-error invite-emails-hint\" aria-invalid=\"true\">", badPage, StringComparison.Ordinal);
        Assert.Contains("<div class=\"invalid-feedback\" id=\"invite-emails-error\">These are not valid e-mail addresses: not, an, address. Nobody was invited.</div>", badPage, StringComparison.Ordinal);
        Assert.Equal(0, await Factory.WithDbAsync(db => db.Invitations.CountAsync(i => i.ProgrammeId == programmeId)));

        var sent = await PostFormAsync(hr, details, $"{details}?handler=Invite", [new("Invite.Emails", $"uno-{tag}@officine.example; due-{tag}@officine.example")]);
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        var page = await hr.GetStringAsync(details, TestContext.Current.CancellationToken);
        Assert.Contains("2 invitations sent.", page, StringComparison.Ordinal);
        Assert.Contains($"uno-{tag}@officine.example", page, StringComparison.Ordinal);
        Assert.Contains("Waiting for an answer", page, StringComparison.Ordinal);
        Assert.Equal(2, (await Factory.TakeMailAsync()).Count);

        var personId = await Factory.WithDbAsync(async db =>
        {
            var now = Factory.Time.GetUtcNow().UtcDateTime;
            var person = new Reciproca.Web.Features.People.Person { ExternalId = $"rem-{tag}", DisplayName = "Da Sollecitare", Email = $"rem-{tag}@officine.example", CreatedUtc = now };
            person.Touch(now);
            db.People.Add(person);
            await db.SaveChangesAsync();
            return person.Id;
        });
        await PostFormAsync(hr, details, $"{details}?handler=Enrol", [new("Selected", personId.ToString())]);
        Assert.Equal([$"rem-{tag}@officine.example"], (await Factory.TakeMailAsync()).Select(m => m.To.Mailboxes.Single().Address));
        var withButton = await hr.GetStringAsync(details, TestContext.Current.CancellationToken);
        Assert.Contains("Remind the person who has not completed the assessment", withButton, StringComparison.Ordinal);

        var reminded = await PostFormAsync(hr, details, $"{details}?handler=Remind", []);
        Assert.Equal(HttpStatusCode.Redirect, reminded.StatusCode);
        Assert.Contains(">1 reminder sent.<", await hr.GetStringAsync(details, TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Equal([$"rem-{tag}@officine.example"], (await Factory.TakeMailAsync()).Select(m => m.To.Mailboxes.Single().Address));

        using var participant = await SignInAsync(Roles.Participant, personId);
        var denied = await PostFormAsync(participant, details, $"{details}?handler=Invite", [new("Invite.Emails", $"x-{tag}@officine.example")]);
        Assert.Equal(HttpStatusCode.NotFound, denied.StatusCode);
        Assert.Empty(await Factory.TakeMailAsync());
    }

    [GeneratedRegex("<div class=\"alert alert-success\" role=\"status\">([^<]*)</div>")]
    private static partial Regex FlashText();

    private Task<Guid> AddPersonAsync(string name, string? email) => Factory.WithDbAsync(async db =>
    {
        var now = Factory.Time.GetUtcNow().UtcDateTime;
        var person = new Reciproca.Web.Features.People.Person { ExternalId = $"p-{Guid.NewGuid():N}", DisplayName = name, Email = email, CreatedUtc = now };
        person.Touch(now);
        db.People.Add(person);
        await db.SaveChangesAsync();
        return person.Id;
    });

    [Fact]
    public async Task Invitation_and_reminder_flashes_read_right_with_one_and_with_several_in_english_and_italian()
    {
        using var hr = await SignInAsync(Roles.ProgrammeManager);
        var created = await PostFormAsync(hr, "/Programmes/Create", "/Programmes/Create", ProgrammeFields($"Conteggi {Guid.NewGuid():N}"));
        var details = created.Headers.Location!.OriginalString;
        var tag = Guid.NewGuid().ToString("N")[..8];

        async Task<string> FlashAfterAsync(string language, string handler, params KeyValuePair<string, string>[] fields)
        {
            hr.DefaultRequestHeaders.AcceptLanguage.Clear();
            hr.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language);
            var posted = await PostFormAsync(hr, details, $"{details}?handler={handler}", fields);
            Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
            var flash = FlashText().Match(await hr.GetStringAsync(details, TestContext.Current.CancellationToken));
            Assert.True(flash.Success, "No flash message on the programme page.");
            return WebUtility.HtmlDecode(flash.Groups[1].Value);
        }

        KeyValuePair<string, string> Emails(params string[] who) => new("Invite.Emails", string.Join("; ", who.Select(w => $"{w}-{tag}@officine.example")));
        KeyValuePair<string, string> Selected(Guid id) => new("Selected", id.ToString());

        Assert.Equal("1 invitation sent.", await FlashAfterAsync("en", "Invite", Emails("a")));
        Assert.Equal("2 inviti inviati.", await FlashAfterAsync("it", "Invite", Emails("b", "c")));
        Assert.Equal("1 invito inviato.", await FlashAfterAsync("it", "Invite", Emails("d")));
        Assert.Equal("3 invitations sent.", await FlashAfterAsync("en", "Invite", Emails("e", "f", "g")));

        var first = await AddPersonAsync("Prima Persona", $"first-{tag}@officine.example");
        await FlashAfterAsync("en", "Enrol", Selected(first));
        Assert.Equal("1 reminder sent.", await FlashAfterAsync("en", "Remind"));

        var second = await AddPersonAsync("Seconda Persona", $"second-{tag}@officine.example");
        var third = await AddPersonAsync("Terza Persona", $"third-{tag}@officine.example");
        var unreachable = await AddPersonAsync("Senza Indirizzo", null);
        await FlashAfterAsync("en", "Enrol", Selected(second), Selected(third), Selected(unreachable));
        Assert.Equal(
            "2 solleciti inviati. 1 persona era già stata sollecitata meno di 20 ore fa, quindi non di nuovo. 1 persona non ha un indirizzo e-mail e non è stata sollecitata.",
            await FlashAfterAsync("it", "Remind"));
        Assert.Equal(
            "No reminder sent. 3 people were reminded less than 20 hours ago, so not again. 1 person has no e-mail address and was not reminded.",
            await FlashAfterAsync("en", "Remind"));
        Assert.Equal(
            "Nessun sollecito inviato. 3 persone erano già state sollecitate meno di 20 ore fa, quindi non di nuovo. 1 persona non ha un indirizzo e-mail e non è stata sollecitata.",
            await FlashAfterAsync("it", "Remind"));
    }

    [Fact]
    public async Task A_refused_enrolment_shows_its_error_beside_the_people_to_choose()
    {
        using var hr = await SignInAsync(Roles.ProgrammeManager);
        var created = await PostFormAsync(hr, "/Programmes/Create", "/Programmes/Create", ProgrammeFields($"Iscrizione rifiutata {Guid.NewGuid():N}"));
        var details = created.Headers.Location!.OriginalString;
        await AddPersonAsync("Candidata Visibile", null);
        var nobody = Guid.NewGuid();

        var refused = await PostFormAsync(hr, details, $"{details}?handler=Enrol", [new("Selected", nobody.ToString())]);

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var page = await refused.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var message = $"These ids are not in the directory: {nobody}.";
        Assert.Contains("<fieldset id=\"enrol-people\" class=\"is-invalid\" aria-invalid=\"true\" aria-describedby=\"enrol-people-error\">", page, StringComparison.Ordinal);
        Assert.Contains($"</fieldset><div class=\"invalid-feedback\" id=\"enrol-people-error\">{message}</div>", page, StringComparison.Ordinal);
        // The form's summary keeps the message too, for whoever starts reading at the top of the form.
        Assert.Contains($"<li>{message}</li>", page, StringComparison.Ordinal);
        Assert.Equal(0, await Factory.WithDbAsync(db => db.Participants.CountAsync(p => p.PersonId == nobody)));
    }

    [Fact]
    public async Task An_invalid_programme_form_shows_the_errors_and_stores_nothing()
    {
        using var hr = await SignInAsync(Roles.ProgrammeManager);
        var fields = ProgrammeFields("");
        fields["Form.EndsOn"] = "2026-01-01";
        var before = await Factory.WithDbAsync(db => db.Programmes.CountAsync());

        var response = await PostFormAsync(hr, "/Programmes/Create", "/Programmes/Create", fields);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains("Give the programme a name", html, StringComparison.Ordinal);
        Assert.Contains("The end date must come after the start date.", html, StringComparison.Ordinal);
        Assert.Equal(before, await Factory.WithDbAsync(db => db.Programmes.CountAsync()));
    }

    [Theory]
    [InlineData("Form.StartsOn", "31/02/2027")]
    [InlineData("Form.EndsOn", "")]
    [InlineData("Form.PlannedSessions", "sei")]
    public async Task A_value_that_does_not_bind_redisplays_the_create_form_with_the_error_and_stores_nothing(string field, string value)
    {
        using var hr = await SignInAsync(Roles.ProgrammeManager);
        var name = $"Non valido {Guid.NewGuid():N}";
        var fields = ProgrammeFields(name);
        fields[field] = value;

        var response = await PostFormAsync(hr, "/Programmes/Create", "/Programmes/Create", fields);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = System.Net.WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Contains($"'{value}' is not a valid value", html, StringComparison.Ordinal);
        Assert.False(await Factory.WithDbAsync(db => db.Programmes.AnyAsync(p => p.Name == name)));
    }

    [Fact]
    public async Task An_unparsable_date_on_the_edit_page_is_shown_in_italian_and_changes_nothing()
    {
        using var hr = await SignInAsync(Roles.ProgrammeManager);
        var created = await PostFormAsync(hr, "/Programmes/Create", "/Programmes/Create", ProgrammeFields($"Da modificare {Guid.NewGuid():N}"));
        var id = Guid.Parse(created.Headers.Location!.OriginalString.Split('/').Last());
        var before = await Factory.WithDbAsync(db => db.Programmes.AsNoTracking().SingleAsync(p => p.Id == id));
        var editPage = await hr.GetStringAsync($"/Programmes/Edit/{id}", TestContext.Current.CancellationToken);
        var fields = ProgrammeFields(before.Name);
        fields["Form.StartsOn"] = "domani";
        fields["Form.Version"] = System.Text.RegularExpressions.Regex.Match(editPage, "name=\"Form.Version\" value=\"([^\"]+)\"").Groups[1].Value;
        hr.DefaultRequestHeaders.AcceptLanguage.ParseAdd("it");

        var response = await PostFormAsync(hr, $"/Programmes/Edit/{id}", $"/Programmes/Edit/{id}", fields);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = System.Net.WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Contains("'domani' non è un valore valido per Inizio.", html, StringComparison.Ordinal);
        var after = await Factory.WithDbAsync(db => db.Programmes.AsNoTracking().SingleAsync(p => p.Id == id));
        Assert.Equal((before.StartsOn, before.Version), (after.StartsOn, after.Version));
    }

    [Fact]
    public async Task Participants_cannot_open_design_pages_nor_programmes_they_are_not_in()
    {
        using var hrApi = await Factory.CreateClientInRoleAsync(Roles.ProgrammeManager);
        var programme = (await (await hrApi.PostAsJsonAsync("/api/v1/programmes",
            new ProgrammeInput("Riservato", null, new DateOnly(2027, 1, 1), new DateOnly(2027, 3, 1)), ImportRequest.Json, TestContext.Current.CancellationToken))
            .Content.ReadFromJsonAsync<ProgrammeView>(ImportRequest.Json, TestContext.Current.CancellationToken))!;
        using var participant = await SignInAsync(Roles.Participant);

        var create = await participant.GetAsync("/Programmes/Create", TestContext.Current.CancellationToken);
        var details = await participant.GetAsync($"/Programmes/Details/{programme.Id}", TestContext.Current.CancellationToken);
        var assessment = await participant.GetAsync($"/Assessments/Edit/{programme.Id}", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Redirect, create.StatusCode);
        Assert.StartsWith("/Account/AccessDenied", create.Headers.Location?.OriginalString, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, details.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, assessment.StatusCode);
    }
}
