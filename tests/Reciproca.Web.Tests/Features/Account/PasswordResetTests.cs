using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using Reciproca.Web.Features.Account;
using Reciproca.Web.Features.People;
using Reciproca.Web.Infrastructure.Auth;
using Reciproca.Web.Infrastructure.Auth.PasswordResets;
using Reciproca.Web.Tests.Support;

namespace Reciproca.Web.Tests;

/// <summary>
/// Issue 10: a forgotten password is reset by a one-time link sent by e-mail, and a person of the directory without
/// an account sets one up the same way; the pages answer alike for every address.
/// </summary>
public abstract partial class PasswordResetTests(AppFixture fixture)
{
    private const string NewPassword = "Lanterna-gialla-sul-molo";

    private ReciprocaFactory Factory => fixture.Require();

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [GeneratedRegex(@"/Account/ResetPassword/pwl_[A-Za-z0-9_-]+")]
    private static partial Regex ResetLink();

    [GeneratedRegex(@"name=""__RequestVerificationToken"" type=""hidden"" value=""[^""]+""")]
    private static partial Regex AntiforgeryField();

    private static string LinkIn(MimeMessage message) =>
        ResetLink().Match(message.TextBody ?? "") is { Success: true } match ? match.Value : throw new InvalidOperationException("No link in:\n" + message.TextBody);

    private static string Email(string who) => $"{who}.{Guid.NewGuid():N}@officine.example";

    private Task<Guid> AddPersonAsync(string name, string? email, string language = "it", bool deactivated = false) => Factory.WithDbAsync(async db =>
    {
        var now = Factory.Time.GetUtcNow().UtcDateTime;
        var person = new Person { ExternalId = $"t-{Guid.NewGuid():N}", DisplayName = name, Email = email, Languages = [language], CreatedUtc = now, DeactivatedUtc = deactivated ? now : null };
        person.Touch(now);
        db.People.Add(person);
        await db.SaveChangesAsync();
        return person.Id;
    });

    /// <summary>An account whose person reads <paramref name="language"/>; its user name is its e-mail address.</summary>
    private async Task<string> AddAccountAsync(string language = "it")
    {
        var personId = await AddPersonAsync("Rita Rossi", null, language);
        return await Factory.CreateUserAsync(Roles.Participant, personId);
    }

    private async Task<HttpResponseMessage> AskAsync(CookieJar browser, string page, string address)
    {
        var html = await browser.GetStringAsync(page);
        return await browser.PostFormAsync(page, html, new Dictionary<string, string> { ["Input.Email"] = address });
    }

    private static async Task<HttpResponseMessage> ChooseAsync(CookieJar browser, string link, string password)
    {
        var html = await browser.GetStringAsync(link);
        return await browser.PostFormAsync(link, html, new Dictionary<string, string> { ["Input.Password"] = password, ["Input.ConfirmPassword"] = password });
    }

    private Task<bool> PasswordIsAsync(string userName, string password) => Factory.WithDbAsync(async db =>
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        return await users.CheckPasswordAsync((await users.FindByNameAsync(userName))!, password);
    });

    private Task<int> SessionsOfAsync(string userName) => Factory.WithDbAsync(db =>
        db.UserSessions.CountAsync(s => db.Users.Any(u => u.Id == s.UserId && u.UserName == userName)));

    [Fact]
    public async Task A_forgotten_password_is_reset_once_by_the_link_in_the_accounts_language_and_every_session_ends()
    {
        var userName = await AddAccountAsync("it");
        using var elsewhere = await CookieJar.SignedInAsync(Factory, userName);
        await Factory.TakeMailAsync();
        using var browser = new CookieJar(Factory);

        var asked = await AskAsync(browser, "/Account/ForgotPassword", userName.ToUpperInvariant());
        var message = Assert.Single(await Factory.TakeMailAsync());
        var link = LinkIn(message);
        var form = await browser.GetAsync(link);
        var chosen = await ChooseAsync(browser, link, NewPassword);
        var again = await browser.GetAsync(link);
        var againPage = await again.Content.ReadAsStringAsync(Cancel);

        Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        Assert.Equal(userName, message.To.Mailboxes.Single().Address);
        Assert.Equal("Scegli una nuova password per Reciproca", message.Subject);
        Assert.Contains($"{ReciprocaFactory.PublicBaseUrl}{link}", message.TextBody, StringComparison.Ordinal);
        // The expiry as people write it, in the recipient's language and the installation's zone, which it names.
        var expires = await Factory.WithDbAsync(db => db.PasswordResetTokens.Where(t => db.Users.Any(u => u.Id == t.UserId && u.UserName == userName)).Select(t => t.ExpiresUtc).SingleAsync());
        var rome = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(expires, DateTimeKind.Utc), TimeZoneInfo.FindSystemTimeZoneById("Europe/Rome"));
        var italian = CultureInfo.GetCultureInfo("it-IT");
        var day = rome.Day == 1 ? "1°" : rome.Day.ToString(italian);
        Assert.Contains($"Il link funziona una sola volta. Scadenza: {day} {rome.ToString("MMMM yyyy", italian)}, {rome.ToString("HH:mm", italian)} (fuso orario Europe/Rome).", message.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("UTC", message.TextBody, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
        Assert.Equal("no-referrer", form.Headers.GetValues("Referrer-Policy").Single());
        Assert.Equal(HttpStatusCode.Redirect, chosen.StatusCode);
        Assert.Equal("/Account/Login", chosen.Headers.Location!.OriginalString);
        Assert.True(await PasswordIsAsync(userName, NewPassword));
        Assert.Equal(0, await SessionsOfAsync(userName));
        var old = await elsewhere.GetAsync("/Account/AccessTokens");
        Assert.StartsWith("/Account/Login", old.Headers.Location?.OriginalString, StringComparison.Ordinal);
        using var signedIn = await CookieJar.SignedInAsync(Factory, userName, NewPassword);

        // Used once: the page says so and links to a new request; a second password is refused.
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Contains("id=\"password-link-state\"", againPage, StringComparison.Ordinal);
        Assert.Contains("href=\"/Account/ForgotPassword\"", againPage, StringComparison.Ordinal);
        var replay = await browser.PostFormAsync(link, againPage, new Dictionary<string, string> { ["Input.Password"] = "Un-altra-password-2027", ["Input.ConfirmPassword"] = "Un-altra-password-2027" });
        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        Assert.True(await PasswordIsAsync(userName, NewPassword));
    }

    [Fact]
    public async Task The_token_is_stored_only_as_its_hash()
    {
        var userName = await AddAccountAsync();
        using var browser = new CookieJar(Factory);

        await AskAsync(browser, "/Account/ForgotPassword", userName);
        var token = LinkIn(Assert.Single(await Factory.TakeMailAsync()))["/Account/ResetPassword/".Length..];

        var rows = await Factory.WithDbAsync(db => db.PasswordResetTokens.Where(t => t.TokenHash == ApiToken.Hash(token)).ToListAsync());
        var row = Assert.Single(rows);
        Assert.Equal(PasswordLinkPurpose.Reset, row.Purpose);
        Assert.Equal(ApiToken.Hash(userName.ToLowerInvariant()), row.AddressHash);
        Assert.False(await Factory.WithDbAsync(db => db.PasswordResetTokens.AnyAsync(t => t.TokenHash == token || t.AddressHash == userName)));
    }

    [Fact]
    public async Task An_unknown_address_gets_the_same_page_and_costs_the_same_work_but_no_mail()
    {
        var userName = await AddAccountAsync();
        var unknown = Email("nessuno");
        await Factory.TakeMailAsync();
        using var browser = new CookieJar(Factory);

        var known = await (await AskAsync(browser, "/Account/ForgotPassword", userName)).Content.ReadAsStringAsync(Cancel);
        var knownMail = await Factory.TakeMailAsync();
        var nobody = await (await AskAsync(browser, "/Account/ForgotPassword", unknown)).Content.ReadAsStringAsync(Cancel);
        var nobodyMail = await Factory.TakeMailAsync();
        var firstTimeNobody = await (await AskAsync(browser, "/Account/FirstAccess", unknown)).Content.ReadAsStringAsync(Cancel);

        Assert.Equal(AntiforgeryField().Replace(known, ""), AntiforgeryField().Replace(nobody, ""));
        Assert.Contains("id=\"password-help-sent\"", nobody, StringComparison.Ordinal);
        Assert.DoesNotContain(unknown, nobody, StringComparison.Ordinal);
        Assert.Contains("id=\"password-help-sent\"", firstTimeNobody, StringComparison.Ordinal);
        Assert.Single(knownMail);
        Assert.Empty(nobodyMail);
        Assert.Empty(await Factory.TakeMailAsync());
        // The request for nobody was recorded like the others (it counts against the address's hourly limit), and is no link.
        var recorded = await Factory.WithDbAsync(db => db.PasswordResetTokens.Where(t => t.AddressHash == ApiToken.Hash(unknown)).Select(t => t.Purpose).ToListAsync());
        Assert.Equal([PasswordLinkPurpose.None, PasswordLinkPurpose.None], recorded);
    }

    [Fact]
    public async Task An_expired_link_shows_a_page_to_ask_again_and_changes_nothing()
    {
        var userName = await AddAccountAsync();
        using var browser = new CookieJar(Factory);
        await AskAsync(browser, "/Account/ForgotPassword", userName);
        var link = LinkIn(Assert.Single(await Factory.TakeMailAsync()));

        Factory.Time.Advance(new PasswordResetOptions().ResetValidity + TimeSpan.FromMinutes(1));
        var page = await browser.GetStringAsync(link);
        var posted = await browser.PostFormAsync(link, page, new Dictionary<string, string> { ["Input.Password"] = NewPassword, ["Input.ConfirmPassword"] = NewPassword });

        Assert.Contains("This link has expired", page, StringComparison.Ordinal);
        Assert.Contains("href=\"/Account/ForgotPassword\"", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        Assert.True(await PasswordIsAsync(userName, ReciprocaFactory.UserPassword));
    }

    [Fact]
    public async Task A_deactivated_account_gets_no_link_and_a_link_sent_before_does_not_reactivate_it()
    {
        var userName = await AddAccountAsync();
        using var browser = new CookieJar(Factory);
        await AskAsync(browser, "/Account/ForgotPassword", userName);
        var link = LinkIn(Assert.Single(await Factory.TakeMailAsync()));
        var userId = await Factory.WithDbAsync(db => db.Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync());
        using var admin = await Factory.CreateClientInRoleAsync(Roles.Administrator);
        Assert.True((await admin.PostAsync($"/api/v1/accounts/{userId}/deactivate", null, Cancel)).IsSuccessStatusCode);

        var page = await browser.GetStringAsync(link);
        var posted = await browser.PostFormAsync(link, page, new Dictionary<string, string> { ["Input.Password"] = NewPassword, ["Input.ConfirmPassword"] = NewPassword });
        await AskAsync(browser, "/Account/ForgotPassword", userName);

        Assert.Contains("deactivated by an administrator", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        Assert.True(await PasswordIsAsync(userName, ReciprocaFactory.UserPassword));
        Assert.NotNull(await Factory.WithDbAsync(db => db.Users.Where(u => u.Id == userId).Select(u => u.LockoutEnd).SingleAsync()));
        Assert.Empty(await Factory.TakeMailAsync());
    }

    [Fact]
    public async Task An_address_receives_a_few_links_an_hour_and_then_nothing_while_the_page_says_the_same()
    {
        var userName = await AddAccountAsync();
        var limit = new PasswordResetOptions().MailsPerAddressPerHour;
        await Factory.TakeMailAsync();
        using var browser = new CookieJar(Factory);

        var pages = new List<string>();
        for (var i = 0; i <= limit; i++)
        {
            pages.Add(AntiforgeryField().Replace(await (await AskAsync(browser, "/Account/ForgotPassword", userName)).Content.ReadAsStringAsync(Cancel), ""));
        }

        var flooded = await Factory.TakeMailAsync();
        Factory.Time.Advance(PasswordResetOptions.Window + TimeSpan.FromMinutes(1));
        await AskAsync(browser, "/Account/ForgotPassword", userName);

        Assert.Equal(limit, flooded.Count);
        Assert.Single(pages.Distinct());
        Assert.Single(await Factory.TakeMailAsync());
    }

    [Fact]
    public async Task Asking_and_choosing_need_the_antiforgery_token()
    {
        var userName = await AddAccountAsync();
        using var browser = new CookieJar(Factory);
        await browser.GetStringAsync("/Account/ForgotPassword");
        await Factory.TakeMailAsync();
        var before = await Factory.WithDbAsync(db => db.PasswordResetTokens.CountAsync());

        using var forged = new HttpRequestMessage(HttpMethod.Post, "/Account/ForgotPassword") { Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["Input.Email"] = userName }) };
        var asked = await browser.SendAsync(forged);

        Assert.Equal(HttpStatusCode.BadRequest, asked.StatusCode);
        Assert.Equal(before, await Factory.WithDbAsync(db => db.PasswordResetTokens.CountAsync()));
        Assert.Empty(await Factory.TakeMailAsync());

        await AskAsync(browser, "/Account/ForgotPassword", userName);
        var link = LinkIn(Assert.Single(await Factory.TakeMailAsync()));
        using var forgedChoice = new HttpRequestMessage(HttpMethod.Post, link) { Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["Input.Password"] = NewPassword, ["Input.ConfirmPassword"] = NewPassword }) };
        Assert.Equal(HttpStatusCode.BadRequest, (await browser.SendAsync(forgedChoice)).StatusCode);
        Assert.True(await PasswordIsAsync(userName, ReciprocaFactory.UserPassword));
    }

    [Fact]
    public async Task A_refused_password_leaves_the_link_usable()
    {
        var userName = await AddAccountAsync();
        using var browser = new CookieJar(Factory);
        await AskAsync(browser, "/Account/ForgotPassword", userName);
        var link = LinkIn(Assert.Single(await Factory.TakeMailAsync()));

        var weak = await ChooseAsync(browser, link, "reciproca123");
        var strong = await ChooseAsync(browser, link, NewPassword);

        Assert.Equal(HttpStatusCode.OK, weak.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, strong.StatusCode);
        Assert.True(await PasswordIsAsync(userName, NewPassword));
    }

    [Fact]
    public async Task A_person_without_an_account_sets_one_up_by_the_link_sent_to_their_address()
    {
        var email = Email("nuova");
        var personId = await AddPersonAsync("Nadia Nuova", email.ToUpperInvariant(), "it");
        var left = Email("uscito");
        await AddPersonAsync("Ugo Uscito", left, deactivated: true);
        await Factory.TakeMailAsync();
        using var browser = new CookieJar(Factory);

        var login = await browser.GetStringAsync("/Account/Login");
        await AskAsync(browser, "/Account/FirstAccess", left);
        Assert.Empty(await Factory.TakeMailAsync());
        await AskAsync(browser, "/Account/FirstAccess", email);
        var message = Assert.Single(await Factory.TakeMailAsync());
        var link = LinkIn(message);
        var form = await browser.GetStringAsync(link);
        var chosen = await ChooseAsync(browser, link, NewPassword);
        var home = await browser.GetAsync("/Account/AccessTokens");
        var again = await browser.GetStringAsync(link);

        Assert.Contains("href=\"/Account/FirstAccess\"", login, StringComparison.Ordinal);
        Assert.Contains("href=\"/Account/ForgotPassword\"", login, StringComparison.Ordinal);
        Assert.Equal(email.ToUpperInvariant(), message.To.Mailboxes.Single().Address, ignoreCase: true);
        Assert.Equal("Crea il tuo account Reciproca", message.Subject);
        Assert.Contains("Nadia Nuova", form, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, chosen.StatusCode);
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        var account = await Factory.WithDbAsync(db => db.Users.SingleAsync(u => u.PersonId == personId));
        Assert.Equal(email.ToLowerInvariant(), account.UserName);
        Assert.True(await PasswordIsAsync(account.UserName!, NewPassword));
        var roles = await Factory.WithDbAsync(db => db.UserRoles.Where(r => r.UserId == account.Id).Join(db.Roles, r => r.RoleId, r => r.Id, (_, r) => r.Name).ToListAsync());
        Assert.Equal([Roles.Participant], roles);
        Assert.Contains("id=\"password-link-state\"", again, StringComparison.Ordinal);

        // From now on the same address asks for a new password, not a second account.
        await AskAsync(new CookieJar(Factory), "/Account/FirstAccess", email);
        var reset = Assert.Single(await Factory.TakeMailAsync());
        Assert.Equal("Scegli una nuova password per Reciproca", reset.Subject);
        Assert.Equal(1, await Factory.WithDbAsync(db => db.Users.CountAsync(u => u.PersonId == personId)));
    }

    [Fact]
    public async Task A_first_access_link_expires_after_a_day()
    {
        var email = Email("tardi");
        await AddPersonAsync("Tina Tardi", email, "en");
        using var browser = new CookieJar(Factory);
        await AskAsync(browser, "/Account/FirstAccess", email);
        var message = Assert.Single(await Factory.TakeMailAsync());
        var link = LinkIn(message);

        Factory.Time.Advance(new PasswordResetOptions().ResetValidity + TimeSpan.FromMinutes(1));
        var stillValid = await browser.GetStringAsync(link);
        Factory.Time.Advance(new PasswordResetOptions().FirstAccessValidity);
        var expired = await browser.GetStringAsync(link);

        Assert.Equal("Set up your Reciproca account", message.Subject);
        Assert.Contains("Create my account", stillValid, StringComparison.Ordinal);
        Assert.Contains("This link has expired", expired, StringComparison.Ordinal);
    }
}

public sealed class PasswordResetSqliteTests(SqliteAppFixture fixture) : PasswordResetTests(fixture), IClassFixture<SqliteAppFixture>;

public sealed class PasswordResetPostgresTests(PostgresAppFixture fixture) : PasswordResetTests(fixture), IClassFixture<PostgresAppFixture>;
