using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using MimeKit;
using Reciproca.Web.Features.Notifications;
using Reciproca.Web.Features.Pairs;
using Reciproca.Web.Features.People;
using Reciproca.Web.Features.Programmes;
using Reciproca.Web.Infrastructure.Auth;
using Reciproca.Web.Infrastructure.Data;
using Reciproca.Web.Infrastructure.Email;
using Reciproca.Web.Infrastructure.Jobs;
using Reciproca.Web.Infrastructure.Notifications;
using Reciproca.Web.Infrastructure.Web.Api;
using Reciproca.Web.Tests.Support;

namespace Reciproca.Web.Tests.Notifications;

/// <summary>
/// Issue 11, notifications: every notice is an in-app notification of its recipient; its e-mail goes at once, in the
/// daily digest or not at all as the person chose per kind, except the kinds that always go by e-mail; every e-mail
/// links to the settings; the centre, its bell and its API show each user their own notifications only.
/// </summary>
public abstract class NotificationCentreTests(AppFixture fixture)
{
    private const string SettingsUrl = ReciprocaFactory.PublicBaseUrl + "/Notifications/Settings";

    private static readonly System.Text.Json.JsonSerializerOptions _json = ApiJson.Options;

    private ReciprocaFactory Factory => fixture.Require();

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_notice_becomes_an_in_app_notification_in_the_recipients_language_beside_its_email_which_links_to_the_settings()
    {
        var giulia = await AddPersonAsync("Giulia Rossi", "italiano");

        await NotifyAsync("en", Notice(PairNotifications.ProposedKind, giulia, "/Programmes/Pair/abc"));

        var row = Assert.Single(await RowsAsync(giulia));
        Assert.Equal((NoticeRecipientKind.Person, PairNotifications.ProposedKind, "Oggetto IT", "Primo paragrafo IT\n\nSecondo paragrafo IT", "/Programmes/Pair/abc"), (row.RecipientKind, row.Kind, row.Title, row.Body, row.LinkUrl));
        Assert.Null(row.ReadUtc);
        Assert.False(row.Digest);
        var mail = Assert.Single(await MailToAsync(giulia));
        Assert.Equal("Oggetto IT", mail.Subject);
        Assert.Contains($"Scegli quali e-mail ricevere: {SettingsUrl}", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains($"<a href=\"{SettingsUrl}\">Scegli quali e-mail ricevere</a>", mail.HtmlBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_english_reader_gets_the_settings_link_in_english_and_an_action_outside_the_application_is_no_in_app_link()
    {
        var anna = await AddPersonAsync("Anna Bianchi", "english");

        await NotifyAsync("it", Notice(PairNotifications.ProposedKind, anna, "https://elsewhere.example/x", absolute: false));

        Assert.Null(Assert.Single(await RowsAsync(anna)).LinkUrl);
        var mail = Assert.Single(await MailToAsync(anna));
        Assert.Equal("Subject EN", mail.Subject);
        Assert.Contains($"Choose which e-mails you receive: {SettingsUrl}", mail.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Each_kind_goes_by_email_at_once_in_the_digest_or_not_at_all_as_the_person_chose_and_always_in_app()
    {
        var person = await AddPersonAsync("Marta Galli", "it");
        using var client = await Factory.CreateClientInRoleAsync(Roles.Participant, person);
        var put = await client.PutAsJsonAsync("/api/v1/me/notification-settings", new SetNotificationSettings(
        [
            new NotificationSettingInput(PairNotifications.ProposedKind, EmailChoice.DailyDigest),
            new NotificationSettingInput(PairNotifications.AcceptedKind, EmailChoice.None),
        ]), _json, Cancel);
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var settings = (await put.Content.ReadFromJsonAsync<NotificationSettingsView>(_json, Cancel))!.Kinds.ToDictionary(s => s.Kind);
        Assert.Equal(EmailChoice.DailyDigest, settings[PairNotifications.ProposedKind].Email);
        Assert.Equal(EmailChoice.None, settings[PairNotifications.AcceptedKind].Email);
        Assert.Equal(EmailChoice.Immediately, settings[PairNotifications.PactSignedKind].Email);

        await NotifyAsync("it",
            Notice(PairNotifications.ProposedKind, person, "/a"),
            Notice(PairNotifications.AcceptedKind, person, "/b"),
            Notice(PairNotifications.PactSignedKind, person, "/c"));

        var rows = (await RowsAsync(person)).ToDictionary(r => r.Kind);
        Assert.Equal(3, rows.Count);
        Assert.True(rows[PairNotifications.ProposedKind].Digest);
        Assert.False(rows[PairNotifications.AcceptedKind].Digest);
        Assert.False(rows[PairNotifications.PactSignedKind].Digest);
        var mail = Assert.Single(await MailToAsync(person));
        Assert.Contains("/c", mail.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Calendar_invites_and_cancellations_go_by_email_whatever_the_preference_and_cannot_be_turned_off()
    {
        var person = await AddPersonAsync("Luca Neri", "it");
        using var client = await Factory.CreateClientInRoleAsync(Roles.Participant, person);

        var refused = await client.PutAsJsonAsync("/api/v1/me/notification-settings", new SetNotificationSettings(
            [new NotificationSettingInput(NoticeKinds.SessionInvite, EmailChoice.None)]), _json, Cancel);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("kinds[0].email", await refused.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        var settings = (await client.GetFromJsonAsync<NotificationSettingsView>("/api/v1/me/notification-settings", _json, Cancel))!.Kinds.ToDictionary(s => s.Kind);
        Assert.True(settings[NoticeKinds.SessionInvite].Fixed);
        Assert.True(settings[NoticeKinds.SessionCancel].Fixed);
        Assert.False(settings[PairNotifications.ProposedKind].Fixed);

        // Even a choice written behind the API's back (an older version, a hand-made row) does not silence them.
        await Factory.WithDbAsync(db =>
        {
            db.NotificationPreferences.Add(new NotificationPreference { OwnerKind = NoticeRecipientKind.Person, OwnerId = person, Kind = NoticeKinds.SessionInvite, Email = EmailChoice.None });
            db.NotificationPreferences.Add(new NotificationPreference { OwnerKind = NoticeRecipientKind.Person, OwnerId = person, Kind = NoticeKinds.SessionCancel, Email = EmailChoice.DailyDigest });
            return db.SaveChangesAsync(Cancel);
        });
        await NotifyAsync("it", Notice(NoticeKinds.SessionInvite, person, "/s1"), Notice(NoticeKinds.SessionCancel, person, "/s2"));

        Assert.Equal(2, (await MailToAsync(person)).Count);
        Assert.All(await RowsAsync(person), row => Assert.False(row.Digest));
    }

    [Fact]
    public async Task The_daily_digest_sends_one_email_listing_the_waiting_notifications_once_and_a_second_run_sends_nothing()
    {
        var person = await AddPersonAsync("Sara Conti", "english");
        var other = await AddPersonAsync("Paolo Riva", "it");
        await Factory.WithDbAsync(db =>
        {
            db.NotificationPreferences.Add(new NotificationPreference { OwnerKind = NoticeRecipientKind.Person, OwnerId = person, Kind = PairNotifications.ProposedKind, Email = EmailChoice.DailyDigest });
            db.NotificationPreferences.Add(new NotificationPreference { OwnerKind = NoticeRecipientKind.Person, OwnerId = person, Kind = PairNotifications.PactWrittenKind, Email = EmailChoice.DailyDigest });
            return db.SaveChangesAsync(Cancel);
        });
        await NotifyAsync("it", Notice(PairNotifications.ProposedKind, person, "/Programmes/Pair/one"), Notice(PairNotifications.PactWrittenKind, person, "/Programmes/Pair/two"), Notice(PairNotifications.ProposedKind, other, "/x"));
        Assert.Empty(await MailToAsync(person));
        await Factory.TakeMailAsync();

        await RunDigestAsync();

        // Other tests of this class may have left digests waiting for their people: this person's is one e-mail.
        var digest = Assert.Single(await Factory.TakeMailAsync(), m => m.To.Mailboxes.Single().Address == EmailOf(person));
        Assert.Equal("Reciproca: 2 notifications of the day", digest.Subject);
        Assert.Contains("Here are 2 notifications", digest.TextBody, StringComparison.Ordinal);
        Assert.Equal(2, CountOf("Subject EN", digest.TextBody ?? ""));
        Assert.Contains($"{ReciprocaFactory.PublicBaseUrl}/Programmes/Pair/one", digest.TextBody, StringComparison.Ordinal);
        Assert.Contains($"{ReciprocaFactory.PublicBaseUrl}/Programmes/Pair/two", digest.TextBody, StringComparison.Ordinal);
        Assert.Contains($"Choose which e-mails you receive: {SettingsUrl}", digest.TextBody, StringComparison.Ordinal);
        Assert.All(await RowsAsync(person), row => Assert.NotNull(row.DigestedUtc));

        // Again, directly (as a second instance whose lease ran out would): nothing is left to send.
        await using (var scope = Factory.Services.CreateAsyncScope())
        {
            var job = scope.ServiceProvider.GetServices<IRecurringJob>().Single(j => j is NotificationDigestJob);
            await job.RunAsync(Cancel);
        }

        Assert.Empty(await Factory.TakeMailAsync());
    }

    [Fact]
    public async Task A_person_without_an_account_has_notifications_waiting_for_the_account_they_get_later()
    {
        var person = await AddPersonAsync("Elena Fabbri", "it");
        await NotifyAsync("it", Notice(PairNotifications.ProposedKind, person, "/p"));

        var userName = await Factory.CreateUserAsync(Roles.ProgrammeManager, person);
        using var client = await Factory.CreateClientForUserAsync(userName);
        var account = await Factory.WithDbAsync(db => db.Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync(Cancel));
        Factory.Time.Advance(TimeSpan.FromMinutes(1));
        await NotifyAsync("it", new Notice(PairNotifications.BothAcceptedKind, NoticeRecipient.Account(account), Compose("/hr")));

        var list = (await client.GetFromJsonAsync<PagedList<NotificationView>>("/api/v1/me/notifications", _json, Cancel))!;
        Assert.Equal(2, list.Total);
        Assert.Equal([PairNotifications.BothAcceptedKind, PairNotifications.ProposedKind], list.Items.Select(n => n.Kind));
    }

    [Fact]
    public async Task The_api_lists_marks_read_and_refuses_anybody_elses_notification_with_404_and_anonymous_callers_with_401()
    {
        var mine = await AddPersonAsync("Irene Sala", "it");
        var theirs = await AddPersonAsync("Omar Testa", "it");
        using var me = await Factory.CreateClientInRoleAsync(Roles.Participant, mine);
        await NotifyAsync("it", Notice(PairNotifications.ProposedKind, mine, "/1"));
        Factory.Time.Advance(TimeSpan.FromMinutes(1));
        await NotifyAsync("it", Notice(PairNotifications.AcceptedKind, mine, "/2"), Notice(PairNotifications.PactSignedKind, mine, "/3"), Notice(PairNotifications.ProposedKind, theirs, "/4"));
        var theirId = Assert.Single(await RowsAsync(theirs)).Id;

        var page = (await me.GetFromJsonAsync<PagedList<NotificationView>>("/api/v1/me/notifications?page=1&pageSize=2", _json, Cancel))!;
        Assert.Equal((3, 1, 2, 2), (page.Total, page.Page, page.PageSize, page.Items.Count));
        Assert.DoesNotContain(page.Items, n => n.Id == theirId);
        Assert.Equal("/1", Assert.Single((await me.GetFromJsonAsync<PagedList<NotificationView>>("/api/v1/me/notifications?page=2&pageSize=2", _json, Cancel))!.Items).Link);

        var read = await me.PostAsync($"/api/v1/me/notifications/{page.Items[0].Id}/read", null, Cancel);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal((DateTime?)Factory.Time.GetUtcNow().UtcDateTime, (await read.Content.ReadFromJsonAsync<NotificationView>(_json, Cancel))!.ReadUtc);
        Assert.Equal(2, (await me.GetFromJsonAsync<PagedList<NotificationView>>("/api/v1/me/notifications?unread=true", _json, Cancel))!.Total);

        var stolen = await me.PostAsync($"/api/v1/me/notifications/{theirId}/read", null, Cancel);
        Assert.Equal(HttpStatusCode.NotFound, stolen.StatusCode);
        Assert.Equal("application/problem+json", stolen.Content.Headers.ContentType?.MediaType);
        Assert.Null(Assert.Single(await RowsAsync(theirs)).ReadUtc);

        var all = await me.PostAsync("/api/v1/me/notifications/read-all", null, Cancel);
        Assert.Equal(2, (await all.Content.ReadFromJsonAsync<NotificationsRead>(_json, Cancel))!.Marked);
        Assert.Equal(0, (await me.GetFromJsonAsync<PagedList<NotificationView>>("/api/v1/me/notifications?unread=true", _json, Cancel))!.Total);
        Assert.Null(Assert.Single(await RowsAsync(theirs)).ReadUtc);

        using var anonymous = Factory.CreateApiClient(token: null);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/me/notifications", Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync($"/api/v1/me/notifications/{theirId}/read", null, Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/me/notification-settings", Cancel)).StatusCode);
    }

    [Fact]
    public async Task The_bell_counts_the_unread_for_sight_and_screen_readers_and_the_page_marks_one_or_all_as_read()
    {
        var person = await AddPersonAsync("Nadia Villa", "it");
        var userName = await Factory.CreateUserAsync(Roles.Participant, person);
        await NotifyAsync("it", Notice(PairNotifications.ProposedKind, person, "/Programmes/Pair/p1"), Notice(PairNotifications.AcceptedKind, person, "/2"), Notice(PairNotifications.PactSignedKind, person, "/3"));
        using var jar = await CookieJar.SignedInAsync(Factory, userName);

        var home = WebUtility.HtmlDecode(await jar.GetStringAsync("/Programmes"));
        Assert.Contains("aria-label=\"Notifications, 3 unread\"", home, StringComparison.Ordinal);
        Assert.Contains(">3</span>", home, StringComparison.Ordinal);

        var list = await jar.GetStringAsync("/Notifications");
        Assert.Contains("href=\"/Programmes/Pair/p1\"", list, StringComparison.Ordinal);
        Assert.Equal(3, CountOf("notification-unread", list));
        var first = (await RowsAsync(person)).Single(r => r.Kind == PairNotifications.ProposedKind);
        var one = await jar.PostFormAsync($"/Notifications?handler=Read&id={first.Id}", list, new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, one.StatusCode);
        Assert.NotNull((await RowsAsync(person)).Single(r => r.Id == first.Id).ReadUtc);
        Assert.Contains("aria-label=\"Notifications, 2 unread\"", WebUtility.HtmlDecode(await jar.GetStringAsync("/Notifications?culture=en")), StringComparison.Ordinal);

        var it = WebUtility.HtmlDecode(await jar.GetStringAsync("/Notifications?culture=it"));
        Assert.Contains("aria-label=\"Notifiche, 2 da leggere\"", it, StringComparison.Ordinal);
        var all = await jar.PostFormAsync("/Notifications?handler=ReadAll", it, new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, all.StatusCode);
        Assert.All(await RowsAsync(person), r => Assert.NotNull(r.ReadUtc));
        Assert.Contains("aria-label=\"Notifications, none unread\"", WebUtility.HtmlDecode(await jar.GetStringAsync("/Notifications?culture=en")), StringComparison.Ordinal);

        // Another user's notification cannot be marked from the page either.
        var other = await AddPersonAsync("Carlo Gatti", "it");
        await NotifyAsync("it", Notice(PairNotifications.ProposedKind, other, "/o"));
        var theirs = Assert.Single(await RowsAsync(other));
        var forbidden = await jar.PostFormAsync($"/Notifications?handler=Read&id={theirs.Id}", await jar.GetStringAsync("/Notifications"), new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.NotFound, forbidden.StatusCode);
        Assert.Null(Assert.Single(await RowsAsync(other)).ReadUtc);
    }

    [Fact]
    public async Task The_settings_page_offers_three_choices_per_kind_shows_calendar_kinds_as_fixed_and_saves()
    {
        var person = await AddPersonAsync("Rita Greco", "it");
        var userName = await Factory.CreateUserAsync(Roles.Participant, person);
        using var jar = await CookieJar.SignedInAsync(Factory, userName);

        var page = WebUtility.HtmlDecode(await jar.GetStringAsync("/Notifications/Settings?culture=it"));
        Assert.Contains("<legend class=\"h6 float-none w-auto px-1 mb-1\">Ti viene proposto un partner</legend>", page, StringComparison.Ordinal);
        Assert.Contains("name=\"choice[PairProposed]\"", page, StringComparison.Ordinal);
        Assert.Contains("Riepilogo giornaliero", page, StringComparison.Ordinal);
        Assert.DoesNotContain("name=\"choice[session.invite]\"", page, StringComparison.Ordinal);
        Assert.Contains("Sempre per e-mail", page, StringComparison.Ordinal);

        var saved = await jar.PostFormAsync("/Notifications/Settings", page, new Dictionary<string, string>
        {
            ["choice[PairProposed]"] = "DailyDigest",
            ["choice[PactSigned]"] = "None",
            ["choice[session.invite]"] = "None",
        });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var stored = await Factory.WithDbAsync(db => db.NotificationPreferences.Where(p => p.OwnerId == person).ToDictionaryAsync(p => p.Kind, p => p.Email, Cancel));
        Assert.Equal(2, stored.Count);
        Assert.Equal((EmailChoice.DailyDigest, EmailChoice.None), (stored[PairNotifications.ProposedKind], stored[PairNotifications.PactSignedKind]));
        Assert.Contains("value=\"DailyDigest\" checked=\"checked\"", await jar.GetStringAsync("/Notifications/Settings"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Enrolment_through_the_api_leaves_an_in_app_notification_linking_to_the_assessment()
    {
        var person = await AddPersonAsync("Tina Longo", "it");
        using var hr = await Factory.CreateClientInRoleAsync(Roles.ProgrammeManager);
        var programme = (await (await hr.PostAsJsonAsync("/api/v1/programmes", new ProgrammeInput($"Centro {Guid.NewGuid():N}"[..20], null, new DateOnly(2027, 1, 1), new DateOnly(2027, 4, 1)), _json, Cancel))
            .Content.ReadFromJsonAsync<ProgrammeView>(_json, Cancel))!;

        var enrol = await hr.PostAsJsonAsync($"/api/v1/programmes/{programme.Id}/participants", new EnrolParticipants([person]), _json, Cancel);

        Assert.Equal(HttpStatusCode.Created, enrol.StatusCode);
        var row = Assert.Single(await RowsAsync(person));
        Assert.Equal((EnrolmentNotifications.Kind, $"/Assessments/Edit/{programme.Id}"), (row.Kind, row.LinkUrl));
        Assert.StartsWith("Fai parte del programma", row.Title, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_kind_on_the_settings_page_has_its_label_in_both_languages()
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var localizer = scope.ServiceProvider.GetRequiredService<IStringLocalizer<SharedResource>>();
        var kinds = scope.ServiceProvider.GetRequiredService<NoticeKindCatalogue>().All;
        Assert.Contains(kinds, k => k.Key == NoticeKinds.SessionInvite && k.AlwaysEmail);
        foreach (var kind in kinds)
        {
            var english = EmailLinks.In(CultureInfo.GetCultureInfo("en"), () => localizer[kind.LabelKey]);
            var italian = EmailLinks.In(CultureInfo.GetCultureInfo("it"), () => localizer[kind.LabelKey]);
            Assert.False(english.ResourceNotFound, kind.Key);
            Assert.False(italian.ResourceNotFound, kind.Key);
            Assert.NotEqual(english.Value, italian.Value);
        }
    }

    private static int CountOf(string text, string within) => (within.Length - within.Replace(text, "", StringComparison.Ordinal).Length) / text.Length;

    /// <summary>A notice whose e-mail has two paragraphs and an action link into the application (or elsewhere).</summary>
    private static Notice Notice(string kind, Guid personId, string path, bool absolute = true) => new(kind, personId, Compose(path, absolute));

    private static Func<Addressee, EmailContent> Compose(string path, bool absolute = true) => to =>
    {
        var it = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "it";
        return new EmailContent(
            it ? "Oggetto IT" : "Subject EN",
            $"Hello {to.Name},",
            it ? ["Primo paragrafo IT", "Secondo paragrafo IT"] : ["First paragraph EN", "Second paragraph EN"],
            "Open",
            absolute ? ReciprocaFactory.PublicBaseUrl + path : path,
            "Reciproca");
    };

    private async Task NotifyAsync(string senderCulture, params Notice[] notices)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var notifier = scope.ServiceProvider.GetRequiredService<INotifier>();
        await EmailLinks.In(CultureInfo.GetCultureInfo(senderCulture), () => notifier.NotifyAsync(notices, Cancel));
        await scope.ServiceProvider.GetRequiredService<AppDbContext>().SaveChangesAsync(Cancel);
    }

    private async Task RunDigestAsync()
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var ran = await scope.ServiceProvider.GetRequiredService<RecurringJobHost>().RunDueAsync(Cancel);
        if (!ran.Contains("NotificationDigest"))
        {
            // Seen by an earlier test of this class: due again a day later.
            Factory.Time.Advance(TimeSpan.FromDays(1));
            Assert.Contains("NotificationDigest", await scope.ServiceProvider.GetRequiredService<RecurringJobHost>().RunDueAsync(Cancel));
        }
    }

    private static string EmailOf(Guid personId) => $"{personId:N}@people.example";

    private async Task<List<MimeMessage>> MailToAsync(Guid personId) =>
        [.. (await Factory.TakeMailAsync()).Where(m => m.To.Mailboxes.Any(b => b.Address == EmailOf(personId)))];

    private Task<List<Notification>> RowsAsync(Guid personId) =>
        Factory.WithDbAsync(db => db.Notifications.AsNoTracking().Where(n => n.RecipientId == personId).OrderBy(n => n.CreatedUtc).ThenBy(n => n.Id).ToListAsync(Cancel));

    private async Task<Guid> AddPersonAsync(string name, params string[] languages)
    {
        var person = new Person { ExternalId = $"N-{Guid.NewGuid():N}", DisplayName = name, BirthYear = 2000, Languages = [.. languages] };
        person.Email = EmailOf(person.Id);
        person.Touch(Factory.Time.GetUtcNow().UtcDateTime);
        await Factory.WithDbAsync(db =>
        {
            db.People.Add(person);
            return db.SaveChangesAsync(Cancel);
        });
        return person.Id;
    }
}

public sealed class NotificationCentreSqliteTests(SqliteAppFixture fixture) : NotificationCentreTests(fixture), IClassFixture<SqliteAppFixture>;

public sealed class NotificationCentrePostgresTests(PostgresAppFixture fixture) : NotificationCentreTests(fixture), IClassFixture<PostgresAppFixture>;
