using System.Diagnostics;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using MimeKit;
using Reciproca.BrowserTests.Support;
using Reciproca.Web.Features.People;
using Reciproca.Web.Infrastructure.Auth;
using Reciproca.Web.Infrastructure.Data;

namespace Reciproca.BrowserTests;

/// <summary>
/// Forgotten passwords and first access, end to end: from the sign-in page's links to the e-mail in the pickup folder,
/// its link opened in a browser of its own, the password chosen, and a sign-in with it.
/// </summary>
public sealed partial class PasswordResetJourneyTests(AppHost app, BrowserFixture browser) : BrowserTest(app, browser), IClassFixture<AppHost>
{
    private const string NewPassword = "Faro-verde-sulla-scogliera";

    /// <summary>The dispatcher is woken as soon as the request is saved; this only bounds a broken run.</summary>
    private static readonly TimeSpan _mailTimeout = TimeSpan.FromSeconds(30);

    [GeneratedRegex(@"https?://[^\s]+/Account/ResetPassword/pwl_[A-Za-z0-9_-]+")]
    private static partial Regex LinkPattern();

    [Fact]
    public async Task A_forgotten_password_is_chosen_again_from_the_emailed_link_and_signs_in()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        const string userName = "forgetful@test.example";
        await CreateAccountAsync(userName, "Franco Smemorato");

        await Page.GotoAsync("/Account/Login");
        await Page.GetByRole(AriaRole.Link, new() { Name = "Forgot your password?", Exact = true }).ClickAsync();
        await Assertions.Expect(Page.Locator("main h1")).ToHaveTextAsync("Forgot your password?");
        await AssertNoSeriousAxeViolationsAsync("the forgot-password page");
        await Page.GetByLabel("E-mail address", new() { Exact = true }).FillAsync(userName);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Send me the link", Exact = true }).ClickAsync();
        await Assertions.Expect(Page.Locator("#password-help-sent")).ToContainTextAsync("If Reciproca knows this address");
        await AssertNoSeriousAxeViolationsAsync("the forgot-password page, after the request");

        var mail = await WaitForMailToAsync(userName, cancellationToken);
        Assert.Equal("Choose a new Reciproca password", mail.Subject);
        var link = LinkIn(mail);

        var person = await OpenPageAsync();
        var response = await person.GotoAsync(link.PathAndQuery);
        Assert.Equal(200, response!.Status);
        Assert.Equal("no-referrer", await response.HeaderValueAsync("referrer-policy"));
        await Assertions.Expect(person.Locator("main h1")).ToHaveTextAsync("Choose a new password");
        await AssertNoSeriousAxeViolationsAsync(person, "the reset-password page");
        await person.GetByLabel("New password", new() { Exact = true }).FillAsync(NewPassword);
        await person.GetByLabel("Repeat the new password", new() { Exact = true }).FillAsync(NewPassword);
        await person.GetByRole(AriaRole.Button, new() { Name = "Save the new password", Exact = true }).ClickAsync();

        await Assertions.Expect(person).ToHaveURLAsync(new Regex("/Account/Login$"));
        await Assertions.Expect(person.GetByText("Your password is changed and every session has ended.", new() { Exact = false })).ToBeVisibleAsync();
        await SignInAsync(person, userName, NewPassword);

        // The link worked once: opened again, it says so and offers a new request.
        var used = await OpenPageAsync();
        await used.GotoAsync(link.PathAndQuery);
        await Assertions.Expect(used.Locator("#password-link-state")).ToContainTextAsync("This link has been used already");
        await Assertions.Expect(used.GetByRole(AriaRole.Link, new() { Name = "Ask for a new link", Exact = true })).ToBeVisibleAsync();
        await AssertNoSeriousAxeViolationsAsync(used, "a used password link");
    }

    [Fact]
    public async Task A_person_of_the_directory_sets_up_an_account_from_the_sign_in_page()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        const string email = "prima.volta@test.example";
        await AddPersonAsync("Paola Primavolta", email);

        await Page.GotoAsync("/Account/Login");
        await Page.GetByRole(AriaRole.Link, new() { Name = "First time here? Set up your account", Exact = true }).ClickAsync();
        await Assertions.Expect(Page.Locator("main h1")).ToHaveTextAsync("First time here?");
        await AssertNoSeriousAxeViolationsAsync("the first-access page");
        await Page.GetByLabel("E-mail address", new() { Exact = true }).FillAsync(email);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Send me the link", Exact = true }).ClickAsync();
        await Assertions.Expect(Page.Locator("#password-help-sent")).ToBeVisibleAsync();

        var mail = await WaitForMailToAsync(email, cancellationToken);
        Assert.Equal("Set up your Reciproca account", mail.Subject);
        var person = await OpenPageAsync();
        await person.GotoAsync(LinkIn(mail).PathAndQuery);
        await Assertions.Expect(person.Locator("main h1")).ToHaveTextAsync("Set up your account");
        await Assertions.Expect(person.GetByText("Paola Primavolta", new() { Exact = false })).ToBeVisibleAsync();
        await AssertNoSeriousAxeViolationsAsync(person, "the first-access password page");
        await person.GetByLabel("New password", new() { Exact = true }).FillAsync(NewPassword);
        await person.GetByLabel("Repeat the new password", new() { Exact = true }).FillAsync(NewPassword);
        await person.GetByRole(AriaRole.Button, new() { Name = "Create my account", Exact = true }).ClickAsync();

        // Signed in at once, as the new participant.
        await Assertions.Expect(person.Locator("form[action='/Account/Logout']")).ToBeVisibleAsync();
        await Assertions.Expect(person.GetByText("Your account is ready and you are signed in.", new() { Exact = true })).ToBeVisibleAsync();
    }

    private async Task CreateAccountAsync(string userName, string displayName)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = new AppUser { UserName = userName, Email = userName, DisplayName = displayName, EmailConfirmed = true };
        Assert.True((await users.CreateAsync(user, AppHost.Password)).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, Roles.Participant)).Succeeded);
    }

    private async Task AddPersonAsync(string name, string email)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var now = scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        var person = new Person { ExternalId = $"BT-{Guid.NewGuid():N}", DisplayName = name, Email = email, Languages = ["en"], CreatedUtc = now };
        person.Touch(now);
        db.People.Add(person);
        await db.SaveChangesAsync();
    }

    private Uri LinkIn(MimeMessage mail)
    {
        var match = LinkPattern().Match(mail.TextBody ?? "");
        Assert.True(match.Success, $"No password link in the e-mail's text:{Environment.NewLine}{mail.TextBody}");
        var link = new Uri(match.Value);
        Assert.Equal(App.BaseAddress.GetLeftPart(UriPartial.Authority), link.GetLeftPart(UriPartial.Authority));
        return link;
    }

    /// <summary>The e-mail to <paramref name="address"/> from the pickup folder, which the background dispatcher writes moments after the request.</summary>
    private async Task<MimeMessage> WaitForMailToAsync(string address, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var files = Directory.Exists(App.MailFolder) ? Directory.GetFiles(App.MailFolder, "*.eml") : [];
            foreach (var file in files)
            {
                var message = await MimeMessage.LoadAsync(file, cancellationToken);
                if (message.To.Mailboxes.Any(b => string.Equals(b.Address, address, StringComparison.OrdinalIgnoreCase)))
                {
                    return message;
                }
            }

            Assert.True(clock.Elapsed < _mailTimeout, $"No e-mail to {address} in {App.MailFolder} after {_mailTimeout.TotalSeconds} s.");
            await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken);
        }
    }
}
