using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Reciproca.BrowserTests.Support;
using Reciproca.Web.Infrastructure.Auth;
using Reciproca.Web.Infrastructure.Data;

namespace Reciproca.BrowserTests;

/// <summary>
/// The attacks of the security review, in a real browser: requests forged from another origin of the same host,
/// framing, and a Content-Security-Policy that no page of the application breaks.
/// </summary>
public sealed class SecurityTests(AppHost app, BrowserFixture browser) : BrowserTest(app, browser), IClassFixture<AppHost>
{
    private const string FetchFromThisOrigin = """
        async ({ url, multipart }) => {
            const init = { method: 'POST', mode: 'no-cors', credentials: 'include' };
            if (multipart) {
                const form = new FormData();
                form.append('file', new Blob(['EmployeeNumber,GivenName,FamilyName,Email\nE1,Anna,Ferri,attacker@evil.example\n'], { type: 'text/csv' }), 'people.csv');
                form.append('mapping', '{"employeeNumber":"EmployeeNumber","givenName":"GivenName","familyName":"FamilyName","email":"Email"}');
                init.body = form;
            }
            await fetch(url, init).catch(() => {});
        }
        """;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Api_requests_another_origin_makes_a_signed_in_browser_send_are_refused_and_change_nothing()
    {
        var programmeId = await CreateProgrammeAsync("Forgery target");
        await SignInAsync(AppHost.HrUser);
        await using var attacker = await AttackerSite.StartAsync(new Dictionary<string, string> { ["/"] = "<!doctype html><title>Lunch menu</title><p>Today: lasagne</p>" });
        await Page.GotoAsync(attacker.Address.ToString());
        var target = App.BaseAddress.ToString().TrimEnd('/');
        var forged = new (string What, string Url, bool Multipart)[]
        {
            ("people import", $"{target}/api/v1/people/import", true),
            ("assessment reminders", $"{target}/api/v1/programmes/{programmeId}/assessment-reminders", false),
            ("matching run", $"{target}/api/v1/programmes/{programmeId}/matching-runs", false),
            ("pair acceptance", $"{target}/api/v1/programmes/{programmeId}/pairs/{Guid.NewGuid()}/accept", false),
            ("pact signature", $"{target}/api/v1/programmes/{programmeId}/pairs/{Guid.NewGuid()}/pact/sign", false),
        };

        var statuses = new List<string>();
        foreach (var (what, url, multipart) in forged)
        {
            var response = await Page.RunAndWaitForResponseAsync(() => Page.EvaluateAsync(FetchFromThisOrigin, new { url, multipart }), url);
            statuses.Add($"{what}: {response.Status}");
        }

        // 401, not the 404 or 400 a cookie-authenticated request would have met: the API did not take the cookie.
        Assert.Equal(forged.Select(f => $"{f.What}: 401"), statuses);
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        Assert.Equal(0, await db.People.CountAsync(Cancel));
        Assert.Equal(0, await db.MatchingRuns.CountAsync(Cancel));
        Assert.Equal(0, await db.OutboxMessages.CountAsync(Cancel));
    }

    [Fact]
    public async Task A_page_form_posted_from_another_origin_is_refused_for_want_of_its_antiforgery_token()
    {
        await SignInAsync(AppHost.HrUser);
        var target = App.BaseAddress.ToString().TrimEnd('/');
        await using var attacker = await AttackerSite.StartAsync(new Dictionary<string, string>
        {
            ["/"] = $"""
                <!doctype html><title>Survey</title>
                <form id="f" method="post" action="{target}/Programmes/Create">
                  <input name="Form.Name" value="Forged programme"><input name="Form.StartsOn" value="2027-01-11"><input name="Form.EndsOn" value="2027-04-09">
                  <button>Go</button>
                </form>
                """,
        });
        await Page.GotoAsync(attacker.Address.ToString());

        var response = await Page.RunAndWaitForResponseAsync(() => Page.Locator("#f button").ClickAsync(), $"{target}/Programmes/Create");

        Assert.Equal(400, response.Status);
        await using var scope = App.Services.CreateAsyncScope();
        Assert.False(await scope.ServiceProvider.GetRequiredService<AppDbContext>().Programmes.AnyAsync(p => p.Name == "Forged programme", Cancel));
    }

    [Fact]
    public async Task Another_origin_cannot_frame_a_page_of_the_application()
    {
        await SignInAsync(AppHost.HrUser);
        var target = App.BaseAddress.ToString().TrimEnd('/');
        await using var attacker = await AttackerSite.StartAsync(new Dictionary<string, string>
        {
            ["/"] = $"<!doctype html><title>Frame</title><iframe id=\"victim\" src=\"{target}/Programmes/Create\"></iframe>",
        });

        var framed = Page.WaitForResponseAsync($"{target}/Programmes/Create");
        await Page.GotoAsync(attacker.Address.ToString());
        var response = await framed;

        Assert.Equal(200, response.Status);
        var frame = Page.Frames.Single(f => f != Page.MainFrame);
        // The browser refused to render the answer in the frame: no form of the application's is in it.
        Assert.Equal(0, await frame.Locator("form").CountAsync());
        Assert.Contains("frame-ancestors 'none'", (await response.AllHeadersAsync())["content-security-policy"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_page_sends_the_security_headers_and_none_breaks_its_content_security_policy()
    {
        var programmeId = await CreateProgrammeAsync("Header check");
        var anonymous = await OpenPageAsync();
        var checkedPages = new List<string>();

        await CheckAsync(anonymous, "/Account/Login");
        await SignInAsync(AppHost.HrUser);
        foreach (var path in new[]
        {
            "/", "/Programmes", "/Programmes/Create", $"/Programmes/Details/{programmeId}", $"/Programmes/Edit/{programmeId}",
            $"/Programmes/Matching/{programmeId}", "/People", "/People/Import", "/Account/AccessTokens", "/Account/ChangePassword",
            "/Home/Status?code=404", "/api/reference",
        })
        {
            await CheckAsync(Page, path);
        }

        var cookies = await Page.Context.CookiesAsync();
        var session = cookies.Single(c => c.Name == "reciproca.auth");

        Assert.True(session.HttpOnly);
        Assert.Equal(SameSiteAttribute.Lax, session.SameSite);
        Assert.All(cookies.Where(c => c.Name.StartsWith(".AspNetCore.Antiforgery", StringComparison.Ordinal)), c => Assert.True(c.HttpOnly));
        Assert.True(CspViolations.Count == 0, $"Content-Security-Policy violations on {string.Join(", ", checkedPages)}:\n{string.Join("\n", CspViolations)}");

        async Task CheckAsync(IPage page, string path)
        {
            var response = await page.GotoAsync(path, new() { WaitUntil = WaitUntilState.NetworkIdle });
            var headers = await response!.AllHeadersAsync();
            var policy = headers["content-security-policy"];
            Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
            var scripts = policy.Split(';').Select(d => d.Trim()).Single(d => d.StartsWith("script-src", StringComparison.Ordinal));
            Assert.DoesNotContain("unsafe-inline", scripts, StringComparison.Ordinal);
            Assert.Equal("nosniff", headers["x-content-type-options"]);
            Assert.Equal("same-origin", headers["referrer-policy"]);
            Assert.Contains("camera=()", headers["permissions-policy"], StringComparison.Ordinal);
            Assert.Contains("no-store", headers["cache-control"], StringComparison.Ordinal);
            checkedPages.Add(path);
        }
    }

    /// <summary>A programme created through the API with an HR token, the way an integration would.</summary>
    private async Task<Guid> CreateProgrammeAsync(string name)
    {
        string token;
        await using (var scope = App.Services.CreateAsyncScope())
        {
            var user = await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().FindByNameAsync(AppHost.HrUser);
            token = ApiToken.Generate();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            db.ApiTokens.Add(new ApiToken { UserId = user!.Id, Name = "browser test", TokenHash = ApiToken.Hash(token), CreatedUtc = DateTime.SpecifyKind(new DateTime(2026, 11, 28), DateTimeKind.Utc) });
            await db.SaveChangesAsync(Cancel);
        }

        using var client = new HttpClient { BaseAddress = App.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var response = await client.PostAsJsonAsync("/api/v1/programmes", new { name, startsOn = "2027-01-11", endsOn = "2027-04-09" }, Cancel);
        response.EnsureSuccessStatusCode();
        var created = await response.Content.ReadFromJsonAsync<Created>(Cancel);
        return created!.Id;
    }

    private sealed record Created(Guid Id);
}
