using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using MimeKit;
using Reciproca.BrowserTests.Support;
using Reciproca.Web.Features.People;
using Reciproca.Web.Infrastructure.Data;

namespace Reciproca.BrowserTests;

/// <summary>
/// Invitations by e-mail, end to end: HR invites from the programme page, the background dispatcher writes each
/// e-mail to the pickup folder, and the invited person opens the link from the <c>.eml</c> file in a browser of
/// their own, creates an account and lands in the programme. The tests of a class share one application, so each
/// test uses its own programme and addresses.
/// </summary>
public sealed partial class InvitationJourneyTests(AppHost app, BrowserFixture browser) : BrowserTest(app, browser), IClassFixture<AppHost>
{
    private const string NewPassword = "Invited-2026-pass";

    /// <summary>The dispatcher is woken as soon as the invitations are saved; this only bounds a broken run.</summary>
    private static readonly TimeSpan _mailTimeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_person_of_the_directory_creates_an_account_from_the_emailed_link_and_joins_the_programme()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        const string programmeName = "Reverse mentoring: invited by e-mail";
        const string elenaEmail = "elena.greco@test.example";
        const string outsiderEmail = "guest.one@elsewhere.example";
        // The HR export writes the address in mixed case; HR types it in lower case: still the same person.
        await AddPersonWithoutAccountAsync("Elena", "Greco", "Elena.Greco@test.example", ["en"], cancellationToken);

        await SignInAsync(AppHost.HrUser);
        var programmeId = await CreateProgrammeAsync(Page, programmeName);

        await Assertions.Expect(Page.Locator("#invite-heading")).ToHaveTextAsync("Invite by e-mail");
        await Assertions.Expect(Page.GetByText("No invitations yet.")).ToBeVisibleAsync();
        await Page.GetByLabel("E-mail addresses", new() { Exact = true }).FillAsync($"{elenaEmail}\n{outsiderEmail}");
        await Page.GetByLabel("A personal message (optional)", new() { Exact = true }).FillAsync("We would love to have you in the first cohort.");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Send invitations", Exact = true }).ClickAsync();

        // Post-redirect-get: back on the programme page with an empty form and both invitations listed.
        await Assertions.Expect(Page).ToHaveURLAsync(DetailsUrl(programmeId));
        await ExpectFlashAsync(Page, "2 invitations sent.");
        await Assertions.Expect(Page.GetByLabel("E-mail addresses", new() { Exact = true })).ToHaveValueAsync("");
        await Assertions.Expect(Page.Locator("#invitations caption")).ToHaveTextAsync("Invitations sent by e-mail");
        await Assertions.Expect(Page.Locator("#invitations tbody tr")).ToHaveCountAsync(2);
        await ExpectInvitationAsync(Page, elenaEmail, "Elena Greco", "Waiting for an answer", QueuedOrSent());
        await ExpectInvitationAsync(Page, outsiderEmail, "", "Waiting for an answer", QueuedOrSent());
        await Assertions.Expect(Page.GetByRole(AriaRole.Button, new() { Name = $"Resend the invitation to {elenaEmail}", Exact = true })).ToBeVisibleAsync();
        await ScreenshotAsync(Page, "invitations-sent");
        await AssertNoSeriousAxeViolationsAsync(Page, "the programme page (HR, invitations table)");

        // Each address gets its own e-mail with its own link, pointing at the address HR used.
        var elenaMail = await WaitForMailToAsync(elenaEmail, cancellationToken);
        var outsiderMail = await WaitForMailToAsync(outsiderEmail, cancellationToken);
        Assert.Equal($"Invitation to the reverse-mentoring programme {programmeName}", elenaMail.Subject);
        var elenaText = elenaMail.TextBody ?? "";
        Assert.StartsWith("Dear Elena Greco,", elenaText, StringComparison.Ordinal);
        Assert.Contains("We would love to have you in the first cohort.", elenaText, StringComparison.Ordinal);
        Assert.StartsWith("Hello,", outsiderMail.TextBody ?? "", StringComparison.Ordinal);
        var link = InvitationLink(elenaMail);
        var outsiderLink = InvitationLink(outsiderMail);
        Assert.NotEqual(link, outsiderLink);
        Assert.Contains(link.AbsoluteUri, elenaMail.HtmlBody ?? "", StringComparison.Ordinal);

        // Elena, not signed in, opens the link in her own browser.
        var elena = await OpenPageAsync();
        var response = await elena.GotoAsync(RelativeToApp(link));
        Assert.NotNull(response);
        Assert.Equal(200, response.Status);
        // The token is in the address: the page must not leak it to other sites.
        Assert.Equal("no-referrer", await response.HeaderValueAsync("referrer-policy"));
        await Assertions.Expect(elena.Locator("main h1")).ToHaveTextAsync($"Invitation to {programmeName}");
        await Assertions.Expect(elena.Locator("#invited-email")).ToHaveTextAsync(elenaEmail);
        await Assertions.Expect(elena.GetByRole(AriaRole.Heading, new() { Name = "Create your account", Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(elena.GetByText("Welcome, Elena Greco.", new() { Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(elena.GetByText($"Your user name will be {elenaEmail}.", new() { Exact = true })).ToBeVisibleAsync();
        // The directory knows her name: no name fields.
        await Assertions.Expect(elena.GetByLabel("Given name", new() { Exact = true })).ToHaveCountAsync(0);
        await ScreenshotAsync(elena, "invitation-accept-directory-person");
        await AssertNoSeriousAxeViolationsAsync(elena, "the invitation page (person of the directory)");

        await elena.GetByLabel("Choose a password", new() { Exact = true }).FillAsync(NewPassword);
        await elena.GetByLabel("Repeat the password", new() { Exact = true }).FillAsync(NewPassword);
        await elena.GetByRole(AriaRole.Button, new() { Name = "Create the account and join", Exact = true }).ClickAsync();

        // Signed in, on the programme page, as an enrolled participant.
        await Assertions.Expect(elena).ToHaveURLAsync(DetailsUrl(programmeId));
        await ExpectFlashAsync(elena, "Welcome to the programme. Start with the readiness checklist and your assessment.");
        await Assertions.Expect(elena.Locator("main h1")).ToHaveTextAsync(programmeName);
        await Assertions.Expect(elena.Locator("form[action='/Account/Logout']")).ToBeVisibleAsync();
        await Assertions.Expect(elena.Locator("#readiness-heading")).ToHaveTextAsync("Before matching: what to expect");
        await Assertions.Expect(elena.GetByRole(AriaRole.Link, new() { Name = "Fill in my assessment", Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(elena.Locator("#invitations")).ToHaveCountAsync(0);
        await ScreenshotAsync(elena, "invitation-joined");
        await elena.GetByRole(AriaRole.Button, new() { Name = "I have read this and I am ready", Exact = true }).ClickAsync();
        await Assertions.Expect(elena.GetByText("Thank you: you are ready for matching.", new() { Exact = true })).ToBeVisibleAsync();

        // The link has done its job: opened again, it only says so.
        await elena.GotoAsync(RelativeToApp(link));
        await Assertions.Expect(elena.Locator("#invitation-state")).ToHaveTextAsync("This invitation was already accepted. Sign in to open the programme.");
        await Assertions.Expect(elena.GetByRole(AriaRole.Button, new() { Name = "Create the account and join" })).ToHaveCountAsync(0);

        // HR sees the answer, and Elena in the cohort, ready.
        await Page.ReloadAsync();
        await ExpectInvitationAsync(Page, elenaEmail, "Elena Greco", "Accepted", new Regex("^Sent$"));
        await ExpectInvitationAsync(Page, outsiderEmail, "", "Waiting for an answer", new Regex("^Sent$"));
        await Assertions.Expect(Page.GetByRole(AriaRole.Button, new() { Name = $"Resend the invitation to {elenaEmail}" })).ToHaveCountAsync(0);
        await Assertions.Expect(Page.GetByRole(AriaRole.Button, new() { Name = $"Resend the invitation to {outsiderEmail}", Exact = true })).ToBeVisibleAsync();
        var cohortRow = Page.Locator("#participants tbody tr").Filter(new() { Has = Page.Locator("th", new() { HasText = "Elena Greco" }) });
        await Assertions.Expect(cohortRow).ToHaveCountAsync(1);
        await Assertions.Expect(cohortRow.Locator("td").Last).ToHaveTextAsync("done");
        await Assertions.Expect(Page.Locator("#participant-count")).ToContainTextAsync("1 (0 assessed)");
        await ScreenshotAsync(Page, "invitations-accepted");
    }

    [Fact]
    public async Task Somebody_outside_the_directory_gives_a_name_applies_through_the_link_and_hr_approves()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        const string programmeName = "Reverse mentoring: open to guests";
        const string guestEmail = "tomas.novak@elsewhere.example";

        await SignInAsync(AppHost.HrUser);
        var programmeId = await CreateProgrammeAsync(Page, programmeName);
        await Page.GetByLabel("E-mail addresses", new() { Exact = true }).FillAsync(guestEmail);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Send invitations", Exact = true }).ClickAsync();
        await ExpectFlashAsync(Page, "1 invitation sent.");
        await ExpectInvitationAsync(Page, guestEmail, "", "Waiting for an answer", QueuedOrSent());

        var link = InvitationLink(await WaitForMailToAsync(guestEmail, cancellationToken));
        var guest = await OpenPageAsync();
        await guest.GotoAsync(RelativeToApp(link));
        await Assertions.Expect(guest.Locator("main h1")).ToHaveTextAsync($"Invitation to {programmeName}");
        await Assertions.Expect(guest.GetByRole(AriaRole.Heading, new() { Name = "Create your account", Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(guest.GetByText("Your e-mail is not in the organisation's HR directory", new() { Exact = false })).ToBeVisibleAsync();
        await Assertions.Expect(guest.GetByLabel("Given name", new() { Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(guest.GetByLabel("Family name", new() { Exact = true })).ToBeVisibleAsync();
        await ScreenshotAsync(guest, "invitation-accept-guest");
        await AssertNoSeriousAxeViolationsAsync(guest, "the invitation page (not in the directory)");

        // Without a name nothing is created: the page says what is missing, next to each field.
        await guest.GetByLabel("Choose a password", new() { Exact = true }).FillAsync(NewPassword);
        await guest.GetByLabel("Repeat the password", new() { Exact = true }).FillAsync(NewPassword);
        await guest.GetByRole(AriaRole.Button, new() { Name = "Create the account and join", Exact = true }).ClickAsync();
        await Assertions.Expect(guest.Locator("#given-error")).ToHaveTextAsync("Give your name (at most 200 characters).");
        await Assertions.Expect(guest.Locator("#family-error")).ToHaveTextAsync("Give your name (at most 200 characters).");
        await Assertions.Expect(guest.Locator("form[action='/Account/Logout']")).ToHaveCountAsync(0);
        await AssertNoSeriousAxeViolationsAsync(guest, "the invitation page (name missing)");

        await guest.GetByLabel("Given name", new() { Exact = true }).FillAsync("Tomáš");
        await guest.GetByLabel("Family name", new() { Exact = true }).FillAsync("Novák");
        await guest.GetByLabel("Choose a password", new() { Exact = true }).FillAsync(NewPassword);
        await guest.GetByLabel("Repeat the password", new() { Exact = true }).FillAsync(NewPassword);
        await guest.GetByRole(AriaRole.Button, new() { Name = "Create the account and join", Exact = true }).ClickAsync();

        // Signed in; HR has yet to confirm the place, and the message says so.
        await Assertions.Expect(guest).ToHaveURLAsync(DetailsUrl(programmeId));
        await Assertions.Expect(guest.Locator("form[action='/Account/Logout']")).ToBeVisibleAsync();
        await ExpectFlashAsync(guest, "Your account is ready and HR has your request: you can take part as soon as they confirm it.");

        // HR sees the application in the cohort and approves it.
        await Page.ReloadAsync();
        await ExpectInvitationAsync(Page, guestEmail, "Tomáš Novák", "Accepted", new Regex("^Sent$"));
        var cohortRow = Page.Locator("#participants tbody tr").Filter(new() { Has = Page.Locator("th", new() { HasText = "Tomáš Novák" }) });
        await Assertions.Expect(cohortRow).ToHaveCountAsync(1);
        await cohortRow.GetByRole(AriaRole.Button, new() { Name = "Approve application", Exact = true }).ClickAsync();
        await ExpectFlashAsync(Page, "Application approved: the person is enrolled.");
        await Assertions.Expect(cohortRow.GetByRole(AriaRole.Button, new() { Name = "Approve application" })).ToHaveCountAsync(0);
        await Assertions.Expect(cohortRow.Locator("select")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task An_italian_speaker_gets_the_email_in_italian_and_accepts_on_the_italian_page()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        const string programmeName = "Reverse mentoring: Milano";
        const string saraEmail = "sara.fontana@test.example";
        await AddPersonWithoutAccountAsync("Sara", "Fontana", saraEmail, ["it", "en"], cancellationToken);

        // HR works in English; Sara's first language chooses the e-mail's.
        await SignInAsync(AppHost.HrUser);
        var programmeId = await CreateProgrammeAsync(Page, programmeName);
        await Page.GetByLabel("E-mail addresses", new() { Exact = true }).FillAsync(saraEmail);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Send invitations", Exact = true }).ClickAsync();
        await ExpectFlashAsync(Page, "1 invitation sent.");

        var mail = await WaitForMailToAsync(saraEmail, cancellationToken);
        Assert.Equal($"Invito al programma di reverse mentoring {programmeName}", mail.Subject);
        Assert.Contains("Accetta l'invito: ", mail.TextBody ?? "", StringComparison.Ordinal);
        var link = InvitationLink(mail);

        // Sara opens the link and switches the page to Italian: the switch brings her back to the same link.
        var sara = await OpenPageAsync();
        await sara.GotoAsync(RelativeToApp(link));
        await Assertions.Expect(sara.GetByRole(AriaRole.Heading, new() { Name = "Create your account", Exact = true })).ToBeVisibleAsync();
        var switcher = sara.Locator("form[action='/Culture']");
        await switcher.Locator("#language-switch").SelectOptionAsync("it");
        await switcher.GetByRole(AriaRole.Button, new() { Name = "Apply" }).ClickAsync();
        await Assertions.Expect(sara.Locator("html")).ToHaveAttributeAsync("lang", "it");
        await Assertions.Expect(sara).ToHaveURLAsync(new Regex($"{Regex.Escape(link.AbsolutePath)}$"));
        await Assertions.Expect(sara.Locator("main h1")).ToHaveTextAsync($"Invito a {programmeName}");
        await Assertions.Expect(sara.GetByRole(AriaRole.Heading, new() { Name = "Crea il tuo account", Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(sara.GetByText("Benvenuto/a, Sara Fontana.", new() { Exact = true })).ToBeVisibleAsync();
        await ScreenshotAsync(sara, "invitation-accept-it");
        await AssertNoSeriousAxeViolationsAsync(sara, "the invitation page (Italian)");

        // Two different passwords: refused in Italian, and no account is made.
        await sara.GetByLabel("Scegli una password", new() { Exact = true }).FillAsync(NewPassword);
        await sara.GetByLabel("Ripeti la password", new() { Exact = true }).FillAsync(NewPassword + "x");
        await sara.GetByRole(AriaRole.Button, new() { Name = "Crea l'account e partecipa", Exact = true }).ClickAsync();
        await Assertions.Expect(sara.Locator("#confirm-error")).ToHaveTextAsync("Le due nuove password non coincidono.");
        await Assertions.Expect(sara.Locator("form[action='/Account/Logout']")).ToHaveCountAsync(0);

        await sara.GetByLabel("Scegli una password", new() { Exact = true }).FillAsync(NewPassword);
        await sara.GetByLabel("Ripeti la password", new() { Exact = true }).FillAsync(NewPassword);
        await sara.GetByRole(AriaRole.Button, new() { Name = "Crea l'account e partecipa", Exact = true }).ClickAsync();
        await Assertions.Expect(sara).ToHaveURLAsync(DetailsUrl(programmeId));
        await ExpectFlashAsync(sara, "Benvenuto/a nel programma. Inizia dalla lista di preparazione e dalla tua autovalutazione.");
        await Assertions.Expect(sara.Locator("#readiness-heading")).ToHaveTextAsync("Prima dell'abbinamento: cosa aspettarsi");
    }

    /// <summary>A person of the directory with an e-mail address and no account, as an HR import leaves them.</summary>
    private async Task AddPersonWithoutAccountAsync(string givenName, string familyName, string email, IReadOnlyList<string> languages, CancellationToken cancellationToken)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var now = scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        var person = new Person
        {
            ExternalId = $"BT-{Guid.NewGuid():N}",
            DisplayName = $"{givenName} {familyName}",
            GivenName = givenName,
            FamilyName = familyName,
            Email = email,
            Department = "Sales",
            BirthYear = 1970,
            Languages = [.. languages],
            CreatedUtc = now,
        };
        person.Touch(now);
        db.People.Add(person);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Creates a programme through the UI, as HR, and returns its id from the address it lands on.</summary>
    private static async Task<string> CreateProgrammeAsync(IPage hr, string name)
    {
        await hr.GotoAsync("/Programmes");
        await hr.GetByRole(AriaRole.Link, new() { Name = "New programme" }).ClickAsync();
        await Assertions.Expect(hr.Locator("main h1")).ToHaveTextAsync("New programme");
        var startsOn = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(14);
        await hr.Locator("#Form_Name").FillAsync(name);
        await hr.Locator("#Form_Description").FillAsync("Colleagues of different generations teach each other.");
        await hr.Locator("#Form_StartsOn").FillAsync(startsOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await hr.Locator("#Form_EndsOn").FillAsync(startsOn.AddDays(7 * 12 - 3).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await hr.GetByRole(AriaRole.Button, new() { Name = "Create the programme" }).ClickAsync();
        await Assertions.Expect(hr).ToHaveURLAsync(AnyDetailsUrl());
        await Assertions.Expect(hr.Locator("main h1")).ToHaveTextAsync(name);
        return AnyDetailsUrl().Match(hr.Url).Groups["id"].Value;
    }

    /// <summary>
    /// The e-mail to <paramref name="address"/> from the pickup folder. The dispatcher writes it moments after the
    /// invitations are saved (to a temporary name, then renamed), so this polls for that side effect, bounded.
    /// </summary>
    private async Task<MimeMessage> WaitForMailToAsync(string address, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var seen = new Dictionary<string, MimeMessage>(StringComparer.Ordinal);
        while (true)
        {
            var files = Directory.Exists(App.MailFolder)
                ? Directory.GetFiles(App.MailFolder).Where(f => f.EndsWith(".eml", StringComparison.Ordinal))
                : [];
            foreach (var file in files.Where(f => !seen.ContainsKey(f)))
            {
                seen[file] = await MimeMessage.LoadAsync(file, cancellationToken);
            }

            var found = seen.Values.Where(m => m.To.Mailboxes.Any(b => string.Equals(b.Address, address, StringComparison.OrdinalIgnoreCase))).ToList();
            if (found.Count > 0)
            {
                Assert.True(found.Count == 1, $"Expected one e-mail to {address}, found {found.Count}.");
                return found[0];
            }

            if (clock.Elapsed > _mailTimeout)
            {
                var to = string.Join(", ", seen.Values.SelectMany(m => m.To.Mailboxes).Select(b => b.Address));
                Assert.Fail($"No e-mail to {address} in {App.MailFolder} after {_mailTimeout.TotalSeconds} s; there are {seen.Count} to: {to}.");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken);
        }
    }

    /// <summary>The acceptance link of the text body: absolute, on the address HR's browser used.</summary>
    private Uri InvitationLink(MimeMessage mail)
    {
        var match = InvitationLinkPattern().Match(mail.TextBody ?? "");
        Assert.True(match.Success, $"No invitation link in the e-mail's text:{Environment.NewLine}{mail.TextBody}");
        var link = new Uri(match.Value);
        Assert.Equal(App.BaseAddress.GetLeftPart(UriPartial.Authority), link.GetLeftPart(UriPartial.Authority));
        return link;
    }

    /// <summary>The link's path, opened against the test host (the browser context's base address).</summary>
    private static string RelativeToApp(Uri link) => link.PathAndQuery;

    private static async Task ExpectInvitationAsync(IPage hr, string email, string name, string status, Regex delivery)
    {
        var row = hr.Locator("#invitations tbody tr").Filter(new() { Has = hr.Locator("th", new() { HasTextRegex = new Regex($"^{Regex.Escape(email)}$") }) });
        await Assertions.Expect(row).ToHaveCountAsync(1);
        var cells = row.Locator("td");
        await Assertions.Expect(cells.Nth(0)).ToHaveTextAsync(name);
        await Assertions.Expect(cells.Nth(1)).ToHaveTextAsync(status);
        await Assertions.Expect(cells.Nth(2)).ToHaveTextAsync(delivery);
    }

    private static Task ExpectFlashAsync(IPage page, string text) =>
        Assertions.Expect(page.Locator("main > .alert-success[role=status]")).ToHaveTextAsync(text);

    private static Regex DetailsUrl(string programmeId) => new($"/Programmes/Details/{Regex.Escape(programmeId)}$");

    /// <summary>The background dispatcher may or may not have sent the e-mail by the time the page is shown.</summary>
    [GeneratedRegex("^(Queued|Sent)$")]
    private static partial Regex QueuedOrSent();

    [GeneratedRegex("/Programmes/Details/(?<id>[0-9a-f-]{36})$")]
    private static partial Regex AnyDetailsUrl();

    [GeneratedRegex(@"https?://\S+/Invitations/Accept/inv_[A-Za-z0-9_-]+")]
    private static partial Regex InvitationLinkPattern();
}
