using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using Reciproca.Web.Features.Assessments;
using Reciproca.Web.Features.Invitations;
using Reciproca.Web.Features.People;
using Reciproca.Web.Features.Programmes;
using Reciproca.Web.Infrastructure.Auth;
using Reciproca.Web.Infrastructure.Email;
using Reciproca.Web.Tests.Support;

namespace Reciproca.Web.Tests;

/// <summary>Issue 4, step 2-3: HR invites by e-mail, people accept (creating their account), HR reminds to assess.</summary>
public abstract partial class InvitationTests(AppFixture fixture)
{
    private static readonly JsonSerializerOptions _json = new(ImportRequest.Json) { Converters = { new JsonStringEnumConverter() } };

    private ReciprocaFactory Factory => fixture.Require();

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private async Task<(HttpClient Hr, Guid ProgrammeId)> CreateProgrammeAsync(string name = "Invitati 2027")
    {
        var hr = await Factory.CreateClientInRoleAsync(Roles.ProgrammeManager);
        var response = await hr.PostAsJsonAsync("/api/v1/programmes",
            new ProgrammeInput(name, "Coppie tra generazioni", new DateOnly(2027, 1, 11), new DateOnly(2027, 4, 9), 6, 12, new MatchingRulesInput()), _json, Cancel);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var programme = (await response.Content.ReadFromJsonAsync<ProgrammeView>(_json, Cancel))!;
        await Factory.TakeMailAsync();
        return (hr, programme.Id);
    }

    private static string NewEmail(string who) => $"{who}.{Guid.NewGuid():N}@officine.example".ToLowerInvariant();

    private Task<Guid> AddPersonAsync(string name, string? email, params string[] languages) => Factory.WithDbAsync(async db =>
    {
        var now = Factory.Time.GetUtcNow().UtcDateTime;
        var person = new Person { ExternalId = $"t-{Guid.NewGuid():N}", DisplayName = name, Email = email, Languages = [.. languages], CreatedUtc = now };
        person.Touch(now);
        db.People.Add(person);
        await db.SaveChangesAsync();
        return person.Id;
    });

    private static async Task<HttpResponseMessage> InviteAsync(HttpClient hr, Guid programmeId, params string[] emails) =>
        await hr.PostAsJsonAsync($"/api/v1/programmes/{programmeId}/invitations", new InviteByEmail(emails, "Ci conto!"), _json, Cancel);

    private Task<(int Invitations, int Messages, int People, int Users)> CountsAsync() => Factory.WithDbAsync(async db =>
        (await db.Invitations.CountAsync(), await db.OutboxMessages.CountAsync(), await db.People.CountAsync(), await db.Users.CountAsync()));

    private static string LinkIn(MimeMessage message) =>
        AcceptLink().Match(message.TextBody ?? "") is { Success: true } match ? match.Value : throw new InvalidOperationException("No invitation link in:\n" + message.TextBody);

    [GeneratedRegex(@"/Invitations/Accept/inv_[A-Za-z0-9_-]+")]
    private static partial Regex AcceptLink();

    private async Task<HttpResponseMessage> RegisterAsync(HttpClient browser, string link, string password, string? given = null, string? family = null)
    {
        var page = await browser.GetStringAsync(link, Cancel);
        var fields = new Dictionary<string, string>
        {
            ["Input.Password"] = password,
            ["Input.ConfirmPassword"] = password,
            ["__RequestVerificationToken"] = BrowserSession.AntiforgeryToken(page),
        };
        if (given is not null)
        {
            fields["Input.GivenName"] = given;
            fields["Input.FamilyName"] = family ?? "";
        }

        return await browser.PostAsync($"{link}?handler=Register", new FormUrlEncodedContent(fields), Cancel);
    }

    [Fact]
    public async Task Hr_invites_by_email_and_each_address_gets_one_message_with_its_own_link()
    {
        var (hr, programmeId) = await CreateProgrammeAsync("Invitati con messaggio");
        var known = NewEmail("giulia");
        await AddPersonAsync("Giulia Neri", known.ToUpperInvariant(), "en");
        var stranger = NewEmail("esterno");

        var response = await InviteAsync(hr, programmeId, known, stranger);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var invitations = (await response.Content.ReadFromJsonAsync<List<InvitationView>>(_json, Cancel))!;
        Assert.Equal(new[] { known, stranger }.Order(), invitations.Select(i => i.Email).Order());
        Assert.All(invitations, i => Assert.Equal((InvitationStatus.Pending, DeliveryStatus.Queued), (i.Status, i.Delivery)));
        Assert.Equal("Giulia Neri", invitations.Single(i => i.Email == known).PersonName);

        var mail = await Factory.TakeMailAsync();

        Assert.Equal(2, mail.Count);
        var toGiulia = mail.Single(m => m.To.Mailboxes.Single().Address == known);
        Assert.Equal("Giulia Neri", toGiulia.To.Mailboxes.Single().Name);
        Assert.Contains("Invitati con messaggio", toGiulia.Subject, StringComparison.Ordinal);
        Assert.Contains("Ci conto!", toGiulia.TextBody, StringComparison.Ordinal);
        Assert.Contains(LinkIn(toGiulia), toGiulia.HtmlBody, StringComparison.Ordinal);
        Assert.NotEqual(LinkIn(toGiulia), LinkIn(mail.Single(m => m.To.Mailboxes.Single().Address == stranger)));
        var after = await hr.GetItemsAsync<InvitationView>($"/api/v1/programmes/{programmeId}/invitations", _json, Cancel);
        Assert.All(after!, i => Assert.Equal(DeliveryStatus.Sent, i.Delivery));
    }

    [Fact]
    public async Task The_email_is_written_in_the_language_of_the_person()
    {
        var (hr, programmeId) = await CreateProgrammeAsync("Lingue");
        var italian = NewEmail("franco");
        var english = NewEmail("john");
        await AddPersonAsync("Franco Sala", italian, "italiano", "english");
        await AddPersonAsync("John Smith", english, "english");

        Assert.Equal(HttpStatusCode.Created, (await InviteAsync(hr, programmeId, italian, english)).StatusCode);
        var mail = await Factory.TakeMailAsync();

        var toFranco = mail.Single(m => m.To.Mailboxes.Single().Address == italian);
        Assert.StartsWith("Invito al programma", toFranco.Subject, StringComparison.Ordinal);
        Assert.Contains("Gentile Franco Sala", toFranco.TextBody, StringComparison.Ordinal);
        Assert.Contains("Il programma va dall'11 gennaio al 9 aprile 2027", toFranco.TextBody, StringComparison.Ordinal);
        Assert.StartsWith("Invitation to", mail.Single(m => m.To.Mailboxes.Single().Address == english).Subject, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_person_of_the_directory_accepts_creates_their_account_and_is_enrolled()
    {
        var (hr, programmeId) = await CreateProgrammeAsync();
        var email = NewEmail("marta");
        var personId = await AddPersonAsync("Marta Riva", email);
        await InviteAsync(hr, programmeId, email);
        var link = LinkIn((await Factory.TakeMailAsync()).Single());
        using var browser = BrowserSession.Create(Factory);

        var page = await browser.GetStringAsync(link, Cancel);
        Assert.Contains("Marta Riva", page, StringComparison.Ordinal);
        Assert.Contains("Input.Password", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Input.GivenName", page, StringComparison.Ordinal);

        var registered = await RegisterAsync(browser, link, "Marta-password-2027");

        Assert.Equal(HttpStatusCode.Redirect, registered.StatusCode);
        Assert.Equal($"/Programmes/Details/{programmeId}", registered.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync($"/Programmes/Details/{programmeId}", Cancel)).StatusCode);
        var participant = await Factory.WithDbAsync(db => db.Participants.SingleAsync(p => p.ProgrammeId == programmeId && p.PersonId == personId));
        Assert.Equal(ParticipantStatus.Enrolled, participant.Status);
        await using var scope = Factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var account = (await users.FindByNameAsync(email))!;
        Assert.Equal(personId, account.PersonId);
        Assert.Equal([Roles.Participant], await users.GetRolesAsync(account));
        var invitation = (await hr.GetItemsAsync<InvitationView>($"/api/v1/programmes/{programmeId}/invitations", _json, Cancel))!.Single();
        Assert.Equal(InvitationStatus.Accepted, invitation.Status);

        // The link has done its work: opening it again explains so and creates nothing.
        using var again = BrowserSession.Create(Factory);
        Assert.Contains("already accepted", await again.GetStringAsync(link, Cancel), StringComparison.Ordinal);
        Assert.NotEqual(HttpStatusCode.Redirect, (await RegisterAsync(again, link, "Another-password-2027")).StatusCode);
    }

    [Fact]
    public async Task Somebody_outside_the_directory_gives_their_name_and_applies_and_hr_approves()
    {
        var (hr, programmeId) = await CreateProgrammeAsync();
        var email = NewEmail("consulente");
        await InviteAsync(hr, programmeId, email);
        var link = LinkIn((await Factory.TakeMailAsync()).Single());
        using var browser = BrowserSession.Create(Factory);
        var before = await CountsAsync();

        var nameless = await RegisterAsync(browser, link, "Good-password-2027", given: " ", family: "");
        Assert.Equal(HttpStatusCode.OK, nameless.StatusCode);
        Assert.Contains("Give your name", await nameless.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        Assert.Equal(before, await CountsAsync());

        var registered = await RegisterAsync(browser, link, "Good-password-2027", given: "Elena", family: "Conti");

        Assert.Equal(HttpStatusCode.Redirect, registered.StatusCode);
        var person = await Factory.WithDbAsync(db => db.People.SingleAsync(p => p.Email == email));
        Assert.Equal("Elena Conti", person.DisplayName);
        Assert.StartsWith("invited-", person.ExternalId, StringComparison.Ordinal);
        var participants = await hr.GetItemsAsync<ParticipantView>($"/api/v1/programmes/{programmeId}/participants", _json, Cancel);
        Assert.Equal(ParticipantStatus.Applied, participants!.Single(p => p.PersonId == person.Id).Status);
        var pending = await browser.GetStringAsync(registered.Headers.Location!.OriginalString, Cancel);
        Assert.Contains("id=\"application-pending\"", pending, StringComparison.Ordinal);
        Assert.Contains("HR has your request", pending, StringComparison.Ordinal);
        Assert.DoesNotContain($"/Assessments/Edit/{programmeId}", pending, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NoContent, (await hr.PostAsync($"/api/v1/programmes/{programmeId}/participants/{person.Id}/approve", null, Cancel)).StatusCode);
        Assert.Contains($"/Assessments/Edit/{programmeId}", await browser.GetStringAsync(registered.Headers.Location!.OriginalString, Cancel), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_later_hr_import_with_the_invited_persons_email_gives_them_the_hr_key_instead_of_a_second_person()
    {
        var (hr, programmeId) = await CreateProgrammeAsync();
        var email = NewEmail("assunta");
        await InviteAsync(hr, programmeId, email);
        using var browser = BrowserSession.Create(Factory);
        Assert.Equal(HttpStatusCode.Redirect, (await RegisterAsync(browser, LinkIn((await Factory.TakeMailAsync()).Single()), "Hired-password-2027", "Assunta", "Nuova")).StatusCode);
        var invited = await Factory.WithDbAsync(db => db.People.AsNoTracking().SingleAsync(p => p.Email == email));
        var key = $"HR-{Guid.NewGuid():N}"[..20];
        var csv = ImportRequest.Utf8($"id;name;email;dept\r\n{key};Assunta Nuova;{email.ToUpperInvariant()};Qualità\r\n");
        var mapping = new Dictionary<string, string> { ["externalId"] = "id", ["displayName"] = "name", ["email"] = "email", ["department"] = "dept" };
        using var admin = Factory.CreateApiClient();
        var people = await ImportRequest.CountAsync(Factory);

        var dryRun = await ImportRequest.ReadResultAsync(await ImportRequest.PostAsync(admin, csv, mapping, dryRun: true), HttpStatusCode.OK);
        Assert.Equal((0, 1), (dryRun.Created, dryRun.Updated));
        Assert.StartsWith("invited-", (await Factory.WithDbAsync(db => db.People.AsNoTracking().SingleAsync(p => p.Id == invited.Id))).ExternalId, StringComparison.Ordinal);

        var imported = await ImportRequest.ReadResultAsync(await ImportRequest.PostAsync(admin, csv, mapping), HttpStatusCode.OK);

        Assert.Equal((0, 1), (imported.Created, imported.Updated));
        Assert.Equal(people, await ImportRequest.CountAsync(Factory));
        var person = await Factory.WithDbAsync(db => db.People.AsNoTracking().SingleAsync(p => p.Id == invited.Id));
        Assert.Equal((key, "Qualità"), (person.ExternalId, person.Department));
        Assert.Equal(invited.Id, await Factory.WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.PersonId).SingleAsync()));
        Assert.True(await Factory.WithDbAsync(db => db.Participants.AnyAsync(p => p.ProgrammeId == programmeId && p.PersonId == invited.Id)));

        // Imported again: the HR key is now simply the person's key.
        var again = await ImportRequest.ReadResultAsync(await ImportRequest.PostAsync(admin, csv, mapping), HttpStatusCode.OK);
        Assert.Equal((0, 0, 1), (again.Created, again.Updated, again.Unchanged));
    }

    [Fact]
    public async Task A_weak_password_creates_nothing_and_the_invitation_stays_usable()
    {
        var (hr, programmeId) = await CreateProgrammeAsync();
        var email = NewEmail("debole");
        await InviteAsync(hr, programmeId, email);
        var link = LinkIn((await Factory.TakeMailAsync()).Single());
        using var browser = BrowserSession.Create(Factory);
        browser.DefaultRequestHeaders.AcceptLanguage.ParseAdd("it");
        var before = await CountsAsync();

        var weak = await RegisterAsync(browser, link, "reciproca1", given: "Paolo", family: "Bassi");

        Assert.Equal(HttpStatusCode.OK, weak.StatusCode);
        var page = System.Net.WebUtility.HtmlDecode(await weak.Content.ReadAsStringAsync(Cancel));
        Assert.Contains("La password deve avere almeno 12 caratteri.", page, StringComparison.Ordinal);
        Assert.Contains("La password non deve contenere il nome del prodotto (Reciproca).", page, StringComparison.Ordinal);
        Assert.Equal(before, await CountsAsync());
        Assert.False(await Factory.WithDbAsync(db => db.People.AnyAsync(p => p.Email == email)));
        Assert.Equal(HttpStatusCode.Redirect, (await RegisterAsync(browser, link, "Strong-password-2027", given: "Paolo", family: "Bassi")).StatusCode);
    }

    public static TheoryData<string[], string> BadInvitations() => new()
    {
        { ["not-an-address"], "not-an-address" },
        { ["Anna <anna@officine.example>"], "anna@officine.example" },
        { ["dup@officine.example", "DUP@officine.example"], "dup@officine.example" },
        { [], "1" },
    };

    [Theory]
    [MemberData(nameof(BadInvitations))]
    public async Task Bad_invitations_are_refused_whole_and_nothing_is_sent(string[] bad, string mentioned)
    {
        var (hr, programmeId) = await CreateProgrammeAsync();
        var before = await CountsAsync();

        // A valid address beside the bad ones: the whole request is refused, not only the bad part.
        var response = await InviteAsync(hr, programmeId, bad.Length == 0 ? [] : [NewEmail("valida"), .. bad]);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync(Cancel);
        Assert.Contains("\"emails\"", body, StringComparison.Ordinal);
        Assert.Contains(mentioned, body, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task Inviting_somebody_already_in_the_programme_or_already_invited_is_refused()
    {
        var (hr, programmeId) = await CreateProgrammeAsync();
        var enrolledEmail = NewEmail("iscritta");
        var enrolled = await AddPersonAsync("Già Iscritta", enrolledEmail);
        await hr.PostAsJsonAsync($"/api/v1/programmes/{programmeId}/participants", new EnrolParticipants([enrolled]), _json, Cancel);
        var invited = NewEmail("invitato");
        Assert.Equal(HttpStatusCode.Created, (await InviteAsync(hr, programmeId, invited)).StatusCode);
        var before = await CountsAsync();

        var twice = await InviteAsync(hr, programmeId, NewEmail("nuovo"), invited);
        var member = await InviteAsync(hr, programmeId, NewEmail("nuovo"), enrolledEmail);

        Assert.Equal(HttpStatusCode.BadRequest, twice.StatusCode);
        Assert.Contains("Resend", await twice.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, member.StatusCode);
        Assert.Contains(enrolledEmail, await member.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task Resending_replaces_the_link_and_revoking_or_expiry_stops_it()
    {
        var (hr, programmeId) = await CreateProgrammeAsync();
        var email = NewEmail("ritardo");
        var invitation = (await (await InviteAsync(hr, programmeId, email)).Content.ReadFromJsonAsync<List<InvitationView>>(_json, Cancel))!.Single();
        var first = LinkIn((await Factory.TakeMailAsync()).Single());
        using var browser = BrowserSession.Create(Factory);

        var resent = await hr.PostAsync($"/api/v1/programmes/{programmeId}/invitations/{invitation.Id}/resend", null, Cancel);
        Assert.Equal(HttpStatusCode.OK, resent.StatusCode);
        var second = LinkIn((await Factory.TakeMailAsync()).Single());

        Assert.NotEqual(first, second);
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync(first, Cancel)).StatusCode);
        Assert.Contains("Input.Password", await browser.GetStringAsync(second, Cancel), StringComparison.Ordinal);

        Factory.Time.Advance(Invitation.Validity + TimeSpan.FromMinutes(1));
        Assert.Contains("expired", await browser.GetStringAsync(second, Cancel), StringComparison.Ordinal);
        Assert.NotEqual(HttpStatusCode.Redirect, (await RegisterAsync(browser, second, "Late-password-2027", "Rita", "Tardi")).StatusCode);

        // An expired invitation can be sent again; a revoked one cannot, and its link is dead.
        Assert.Equal(HttpStatusCode.OK, (await hr.PostAsync($"/api/v1/programmes/{programmeId}/invitations/{invitation.Id}/resend", null, Cancel)).StatusCode);
        var third = LinkIn((await Factory.TakeMailAsync()).Single());
        Assert.Equal(HttpStatusCode.NoContent, (await hr.DeleteAsync($"/api/v1/programmes/{programmeId}/invitations/{invitation.Id}", Cancel)).StatusCode);
        Assert.Contains("withdrew", await browser.GetStringAsync(third, Cancel), StringComparison.Ordinal);
        Assert.NotEqual(HttpStatusCode.Redirect, (await RegisterAsync(browser, third, "Late-password-2027", "Rita", "Tardi")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await hr.PostAsync($"/api/v1/programmes/{programmeId}/invitations/{invitation.Id}/resend", null, Cancel)).StatusCode);
        Assert.False(await Factory.WithDbAsync(db => db.People.AnyAsync(p => p.Email == email)));
    }

    [Fact]
    public async Task Hr_revoking_while_the_person_registers_leaves_one_outcome_never_both()
    {
        var (hr, programmeId) = await CreateProgrammeAsync();
        for (var round = 0; round < 4; round++)
        {
            var email = NewEmail($"gara{round}");
            await AddPersonAsync($"Persona Gara {round}", email);
            var invitation = (await (await InviteAsync(hr, programmeId, email)).Content.ReadFromJsonAsync<List<InvitationView>>(_json, Cancel))!.Single(i => i.Email == email);
            var link = LinkIn((await Factory.TakeMailAsync()).Single());
            using var browser = BrowserSession.Create(Factory);
            var page = await browser.GetStringAsync(link, Cancel);
            var form = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Input.Password"] = "Racing-password-2027",
                ["Input.ConfirmPassword"] = "Racing-password-2027",
                ["__RequestVerificationToken"] = BrowserSession.AntiforgeryToken(page),
            });

            var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var register = Task.Run(async () => { await start.Task; return await browser.PostAsync($"{link}?handler=Register", form, Cancel); }, Cancel);
            var revoke = Task.Run(async () => { await start.Task; return await hr.DeleteAsync($"/api/v1/programmes/{programmeId}/invitations/{invitation.Id}", Cancel); }, Cancel);
            start.SetResult();
            var (registered, revoked) = (await register, await revoke);

            var stored = await Factory.WithDbAsync(db => db.Invitations.AsNoTracking().SingleAsync(i => i.Id == invitation.Id));
            var accountExists = await Factory.WithDbAsync(db => db.Users.AnyAsync(u => u.Email == email));
            Assert.True(stored.AcceptedUtc is null || stored.RevokedUtc is null, $"round {round}: accepted and revoked");
            Assert.Equal(stored.AcceptedUtc is not null, accountExists);
            Assert.Equal(stored.AcceptedUtc is not null, registered.StatusCode == HttpStatusCode.Redirect);
            Assert.Equal(stored.RevokedUtc is not null, revoked.StatusCode == HttpStatusCode.NoContent);
        }
    }

    [Fact]
    public async Task A_person_with_an_account_signs_in_to_accept_and_nobody_else_can()
    {
        var (hr, programmeId) = await CreateProgrammeAsync();
        var email = NewEmail("luca");
        var personId = await AddPersonAsync("Luca Bruni", email);
        var otherId = await AddPersonAsync("Altra Persona", NewEmail("altra"));
        using var luca = await BrowserSession.SignedInAsync(Factory, Roles.Participant, personId);
        using var other = await BrowserSession.SignedInAsync(Factory, Roles.Participant, otherId);
        await InviteAsync(hr, programmeId, email);
        var link = LinkIn((await Factory.TakeMailAsync()).Single());
        using var anonymous = BrowserSession.Create(Factory);

        Assert.Contains("sign in to accept", await anonymous.GetStringAsync(link, Cancel), StringComparison.Ordinal);
        Assert.NotEqual(HttpStatusCode.Redirect, (await RegisterAsync(anonymous, link, "Hijack-password-2027")).StatusCode);

        var otherPage = await other.GetStringAsync(link, Cancel);
        Assert.Contains("another person", otherPage, StringComparison.Ordinal);
        var stolen = await other.PostAsync($"{link}?handler=Join", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = BrowserSession.AntiforgeryToken(otherPage) }), Cancel);
        Assert.Equal(HttpStatusCode.OK, stolen.StatusCode);
        Assert.False(await Factory.WithDbAsync(db => db.Participants.AnyAsync(p => p.ProgrammeId == programmeId)));

        var page = await luca.GetStringAsync(link, Cancel);
        var joined = await luca.PostAsync($"{link}?handler=Join", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = BrowserSession.AntiforgeryToken(page) }), Cancel);

        Assert.Equal(HttpStatusCode.Redirect, joined.StatusCode);
        Assert.Equal(ParticipantStatus.Enrolled, await Factory.WithDbAsync(db => db.Participants.Where(p => p.ProgrammeId == programmeId && p.PersonId == personId).Select(p => p.Status).SingleAsync()));
    }

    [Theory]
    [InlineData(Roles.Participant)]
    [InlineData(Roles.Sponsor)]
    public async Task Participants_and_sponsors_cannot_invite_list_or_remind(string role)
    {
        var (_, programmeId) = await CreateProgrammeAsync();
        using var client = await Factory.CreateClientInRoleAsync(role);

        Assert.Equal(HttpStatusCode.Forbidden, (await InviteAsync(client, programmeId, NewEmail("x"))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"/api/v1/programmes/{programmeId}/invitations", Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsync($"/api/v1/programmes/{programmeId}/assessment-reminders", null, Cancel)).StatusCode);
    }

    [Fact]
    public async Task Hr_of_another_programme_cannot_see_invite_or_remind_here()
    {
        var (_, programmeId) = await CreateProgrammeAsync();
        using var stranger = await Factory.CreateClientInRoleAsync(Roles.ProgrammeManager);
        var before = await CountsAsync();

        Assert.Equal(HttpStatusCode.NotFound, (await InviteAsync(stranger, programmeId, NewEmail("x"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/api/v1/programmes/{programmeId}/invitations", Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.PostAsync($"/api/v1/programmes/{programmeId}/assessment-reminders", null, Cancel)).StatusCode);
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task Hr_reminds_those_who_have_not_assessed_and_nobody_twice_within_the_quiet_period()
    {
        var (hr, programmeId) = await CreateProgrammeAsync("Promemoria");
        var assessedId = await AddPersonAsync("Ha Finito", NewEmail("finito"));
        var withAccountEmail = NewEmail("conaccount");
        var withAccount = await AddPersonAsync("Con Account", withAccountEmail);
        var withoutAccountEmail = NewEmail("senzaaccount");
        var withoutAccount = await AddPersonAsync("Senza Account", withoutAccountEmail, "it");
        var noEmail = await AddPersonAsync("Senza Email", null);
        await Factory.CreateUserAsync(Roles.Participant, withAccount);
        await hr.PostAsJsonAsync($"/api/v1/programmes/{programmeId}/participants", new EnrolParticipants([assessedId, withAccount, withoutAccount, noEmail]), _json, Cancel);
        var digital = new DigCompCatalogue().CompetenceIds.ToDictionary(id => id, _ => 4);
        await hr.PutAsJsonAsync($"/api/v1/programmes/{programmeId}/participants/{assessedId}/assessment", new SubmitAssessment(digital, [], [], ["leadership"], ["it"]), _json, Cancel);
        var url = $"/api/v1/programmes/{programmeId}/assessment-reminders";
        // Enrolment told each of them already: only the reminders are counted here.
        await Factory.TakeMailAsync();

        var first = await (await hr.PostAsync(url, null, Cancel)).Content.ReadFromJsonAsync<ReminderOutcome>(_json, Cancel);
        var mail = await Factory.TakeMailAsync();

        Assert.Equal(new ReminderOutcome(2, 0, 1), first);
        Assert.Equal(2, mail.Count);
        var toAccount = mail.Single(m => m.To.Mailboxes.Single().Address == withAccountEmail);
        Assert.Contains($"/Assessments/Edit/{programmeId}", toAccount.TextBody, StringComparison.Ordinal);
        var toNewcomer = mail.Single(m => m.To.Mailboxes.Single().Address == withoutAccountEmail);
        Assert.StartsWith("Invito", toNewcomer.Subject, StringComparison.Ordinal);

        // The newcomer's link sets up their account; they stay enrolled.
        using var browser = BrowserSession.Create(Factory);
        Assert.Equal(HttpStatusCode.Redirect, (await RegisterAsync(browser, LinkIn(toNewcomer), "Newcomer-password-2027")).StatusCode);
        Assert.Equal(ParticipantStatus.Enrolled, await Factory.WithDbAsync(db => db.Participants.Where(p => p.ProgrammeId == programmeId && p.PersonId == withoutAccount).Select(p => p.Status).SingleAsync()));

        var second = await (await hr.PostAsync(url, null, Cancel)).Content.ReadFromJsonAsync<ReminderOutcome>(_json, Cancel);
        Assert.Equal(new ReminderOutcome(0, 2, 1), second);
        Assert.Empty(await Factory.TakeMailAsync());

        Factory.Time.Advance(AssessmentReminderHandler.QuietPeriod + TimeSpan.FromMinutes(1));
        var third = await (await hr.PostAsync(url, null, Cancel)).Content.ReadFromJsonAsync<ReminderOutcome>(_json, Cancel);
        Assert.Equal(new ReminderOutcome(2, 0, 1), third);
        Assert.All(await Factory.TakeMailAsync(), m => Assert.Contains("/Assessments/Edit/", m.TextBody, StringComparison.Ordinal));
    }
}

public sealed class InvitationSqliteTests(SqliteAppFixture fixture) : InvitationTests(fixture), IClassFixture<SqliteAppFixture>;

public sealed class InvitationPostgresTests(PostgresAppFixture fixture) : InvitationTests(fixture), IClassFixture<PostgresAppFixture>;
