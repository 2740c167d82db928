using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Reciproca.Web.Features.Accounts;
using Reciproca.Web.Infrastructure.Auth;
using Reciproca.Web.Infrastructure.Web.Api;
using Reciproca.Web.Tests.Support;

namespace Reciproca.Web.Tests.Features.Accounts;

/// <summary>Administrators create accounts with their roles, change roles, deactivate and reactivate them.</summary>
public abstract class AccountsTests(AppFixture fixture)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private ReciprocaFactory Factory => fixture.Require();

    [Fact]
    public async Task An_administrator_creates_an_hr_account_whose_owner_signs_in_once_with_the_one_time_password_and_chooses_their_own()
    {
        using var admin = Factory.CreateApiClient();
        var userName = $"hr-{Guid.NewGuid():N}@test.example";

        var response = await admin.PostAsJsonAsync("/api/v1/accounts", new CreateAccount(userName, "Giovanna Rinaldi", [Roles.ProgrammeManager], null), ApiJson.Options, Cancel);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = (await response.Content.ReadFromJsonAsync<CreatedAccount>(ApiJson.Options, Cancel))!;
        Assert.Equal($"/api/v1/accounts/{created.Account.Id}", response.Headers.Location?.OriginalString);
        Assert.Equal([Roles.ProgrammeManager], created.Account.Roles);
        Assert.True(created.Account.MustChangePassword);
        using var browser = await CookieJar.SignedInAsync(Factory, userName, created.OneTimePassword);
        Assert.Equal("/Account/ChangePassword", (await browser.GetAsync("/People")).Headers.Location?.OriginalString);
        var listed = await admin.GetFromJsonAsync<PagedList<AccountView>>($"/api/v1/accounts?search={Uri.EscapeDataString(userName)}", ApiJson.Options, Cancel);
        Assert.Equal(created.Account.Id, Assert.Single(listed!.Items).Id);
    }

    [Theory]
    [InlineData("not-an-address", "Name", Roles.ProgrammeManager, "userName")]
    [InlineData("someone@test.example", "", Roles.ProgrammeManager, "displayName")]
    [InlineData("someone@test.example", "Name", "Superuser", "roles")]
    [InlineData("someone@test.example", "Bad\u0000name", Roles.Participant, "displayName")]
    public async Task A_bad_account_is_refused_naming_the_field_and_nothing_is_created(string userName, string displayName, string role, string field)
    {
        using var admin = Factory.CreateApiClient();
        var before = await Factory.WithDbAsync(db => db.Users.CountAsync(Cancel));

        var response = await admin.PostAsJsonAsync("/api/v1/accounts", new CreateAccount(userName, displayName, [role], null), ApiJson.Options, Cancel);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains($"\"{field}\"", await response.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        Assert.Equal(before, await Factory.WithDbAsync(db => db.Users.CountAsync(Cancel)));
    }

    [Fact]
    public async Task An_address_that_has_an_account_already_is_refused()
    {
        using var admin = Factory.CreateApiClient();
        var existing = await Factory.CreateUserAsync(Roles.Participant);

        var response = await admin.PostAsJsonAsync("/api/v1/accounts", new CreateAccount(existing, "Twin", [Roles.Participant], null), ApiJson.Options, Cancel);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("\"userName\"", await response.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_deactivated_account_loses_its_sessions_and_tokens_and_signs_in_again_once_reactivated()
    {
        using var admin = Factory.CreateApiClient();
        var userName = await Factory.CreateUserAsync(Roles.ProgrammeManager);
        using var token = await Factory.CreateClientForUserAsync(userName);
        using var browser = await CookieJar.SignedInAsync(Factory, userName);
        var id = await Factory.WithDbAsync(db => db.Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync(Cancel));

        var deactivated = await admin.PostAsync($"/api/v1/accounts/{id}/deactivate", null, Cancel);

        Assert.Equal(HttpStatusCode.OK, deactivated.StatusCode);
        Assert.False((await deactivated.Content.ReadFromJsonAsync<AccountView>(ApiJson.Options, Cancel))!.IsActive);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/People")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await token.GetAsync("/api/v1/people", Cancel)).StatusCode);
        await Assert.ThrowsAsync<InvalidOperationException>(() => CookieJar.SignedInAsync(Factory, userName));

        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/v1/accounts/{id}/reactivate", null, Cancel)).StatusCode);
        using var again = await CookieJar.SignedInAsync(Factory, userName);
        Assert.Equal(HttpStatusCode.OK, (await again.GetAsync("/People")).StatusCode);
    }

    [Fact]
    public async Task New_roles_apply_and_an_administrator_cannot_deactivate_their_own_account()
    {
        using var admin = Factory.CreateApiClient();
        var userName = await Factory.CreateUserAsync(Roles.Participant);
        var id = await Factory.WithDbAsync(db => db.Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync(Cancel));
        var adminId = await Factory.WithDbAsync(db => db.Users.Where(u => u.UserName == "admin@reciproca.local").Select(u => u.Id).SingleAsync(Cancel));

        var roles = await admin.PutAsJsonAsync($"/api/v1/accounts/{id}/roles", new SetRoles([Roles.Sponsor, Roles.ProgrammeManager]), ApiJson.Options, Cancel);
        var unknownRole = await admin.PutAsJsonAsync($"/api/v1/accounts/{id}/roles", new SetRoles(["Root"]), ApiJson.Options, Cancel);
        var self = await admin.PostAsync($"/api/v1/accounts/{adminId}/deactivate", null, Cancel);

        Assert.Equal(HttpStatusCode.OK, roles.StatusCode);
        Assert.Equal([Roles.ProgrammeManager, Roles.Sponsor], (await roles.Content.ReadFromJsonAsync<AccountView>(ApiJson.Options, Cancel))!.Roles);
        using var hr = await Factory.CreateClientForUserAsync(userName);
        Assert.Equal(HttpStatusCode.OK, (await hr.GetAsync("/api/v1/people", Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, unknownRole.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, self.StatusCode);
    }

    [Fact]
    public async Task The_accounts_page_creates_an_account_and_shows_its_one_time_password_once()
    {
        using var admin = await CookieJar.SignedInAsync(Factory, await Factory.CreateUserAsync(Roles.Administrator));
        var userName = $"sponsor-{Guid.NewGuid():N}@test.example";
        var page = await admin.GetStringAsync("/Accounts");

        var response = await admin.PostFormAsync("/Accounts?handler=Create", page, new Dictionary<string, string>
        {
            ["Input.UserName"] = userName,
            ["Input.DisplayName"] = "Paolo Sponsor",
            ["Input.Roles"] = Roles.Sponsor,
        });
        var html = await response.Content.ReadAsStringAsync(Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("id=\"one-time-password\"", html, StringComparison.Ordinal);
        Assert.Contains(userName, html, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"one-time-password\"", await admin.GetStringAsync("/Accounts"), StringComparison.Ordinal);
    }
}

public sealed class AccountsSqliteTests(SqliteAppFixture fixture) : AccountsTests(fixture), IClassFixture<SqliteAppFixture>;

public sealed class AccountsPostgresTests(PostgresAppFixture fixture) : AccountsTests(fixture), IClassFixture<PostgresAppFixture>;

/// <summary>The installation always keeps an active administrator: on a factory of its own, whose only one is the first.</summary>
public sealed class LastAdministratorTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_last_active_administrator_keeps_the_role_while_another_may_lose_it()
    {
        await using var factory = new ReciprocaFactory(Engine.Sqlite);
        using var admin = factory.CreateApiClient();
        var first = await factory.WithDbAsync(db => db.Users.Where(u => u.UserName == "admin@reciproca.local").Select(u => u.Id).SingleAsync(Cancel));
        var second = (await (await admin.PostAsJsonAsync("/api/v1/accounts", new CreateAccount("second-admin@test.example", "Second", [Roles.Administrator], null), ApiJson.Options, Cancel))
            .Content.ReadFromJsonAsync<CreatedAccount>(ApiJson.Options, Cancel))!.Account.Id;

        var demoteSecond = await admin.PutAsJsonAsync($"/api/v1/accounts/{second}/roles", new SetRoles([Roles.ProgrammeManager]), ApiJson.Options, Cancel);
        var demoteLast = await admin.PutAsJsonAsync($"/api/v1/accounts/{first}/roles", new SetRoles([Roles.ProgrammeManager]), ApiJson.Options, Cancel);

        Assert.Equal(HttpStatusCode.OK, demoteSecond.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, demoteLast.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/api/v1/accounts", Cancel)).StatusCode);
    }
}
