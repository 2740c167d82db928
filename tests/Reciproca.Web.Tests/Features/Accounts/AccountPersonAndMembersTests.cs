using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Reciproca.Web.Features.Accounts;
using Reciproca.Web.Features.People;
using Reciproca.Web.Features.Programmes;
using Reciproca.Web.Infrastructure.Auth;
using Reciproca.Web.Infrastructure.Web.Api;
using Reciproca.Web.Tests.Support;

namespace Reciproca.Web.Tests.Features.Accounts;

/// <summary>
/// Administrators link an account to its person of the directory; HR adds and removes a programme's co-managers and
/// sponsors, from the pages and the API.
/// </summary>
public abstract class AccountPersonAndMembersTests(AppFixture fixture)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private ReciprocaFactory Factory => fixture.Require();

    [Fact]
    public async Task An_administrator_links_an_account_to_its_person_and_the_accounts_sessions_end()
    {
        var personId = await AddPersonAsync("Rita Colombo", $"rita-{Guid.NewGuid():N}@test.example");
        var userName = await Factory.CreateUserAsync(Roles.Participant);
        var accountId = await AccountIdAsync(userName);
        using var session = await CookieJar.SignedInAsync(Factory, userName);
        using var admin = Factory.CreateApiClient();

        var linked = await admin.PutAsJsonAsync($"/api/v1/accounts/{accountId}/person", new LinkPerson(personId), ApiJson.Options, Cancel);

        Assert.Equal(HttpStatusCode.OK, linked.StatusCode);
        var view = (await linked.Content.ReadFromJsonAsync<AccountView>(ApiJson.Options, Cancel))!;
        Assert.Equal((personId, "Rita Colombo"), (view.PersonId, view.PersonName));
        Assert.Equal(personId, await Factory.WithDbAsync(db => db.Users.Where(u => u.Id == accountId).Select(u => u.PersonId).SingleAsync(Cancel)));
        Assert.Equal(HttpStatusCode.Redirect, (await session.GetAsync("/Programmes")).StatusCode);

        var unlinked = await admin.PutAsJsonAsync($"/api/v1/accounts/{accountId}/person", new LinkPerson(null), ApiJson.Options, Cancel);
        Assert.Null((await unlinked.Content.ReadFromJsonAsync<AccountView>(ApiJson.Options, Cancel))!.PersonId);
    }

    [Fact]
    public async Task A_person_has_one_account_and_an_unknown_person_is_refused_with_nothing_changed()
    {
        var personId = await AddPersonAsync("Piero Galli", null);
        var first = await AccountIdAsync(await Factory.CreateUserAsync(Roles.Participant, personId));
        var second = await AccountIdAsync(await Factory.CreateUserAsync(Roles.Participant));
        using var admin = Factory.CreateApiClient();

        var taken = await admin.PutAsJsonAsync($"/api/v1/accounts/{second}/person", new LinkPerson(personId), ApiJson.Options, Cancel);
        var unknown = await admin.PutAsJsonAsync($"/api/v1/accounts/{second}/person", new LinkPerson(Guid.NewGuid()), ApiJson.Options, Cancel);

        Assert.Equal(HttpStatusCode.Conflict, taken.StatusCode);
        Assert.Contains("Piero Galli", await taken.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("personId", await unknown.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        Assert.Null(await Factory.WithDbAsync(db => db.Users.Where(u => u.Id == second).Select(u => u.PersonId).SingleAsync(Cancel)));
        Assert.Equal(personId, await Factory.WithDbAsync(db => db.Users.Where(u => u.Id == first).Select(u => u.PersonId).SingleAsync(Cancel)));
    }

    [Fact]
    public async Task Only_administrators_link_accounts_to_people()
    {
        var accountId = await AccountIdAsync(await Factory.CreateUserAsync(Roles.Participant));
        using var hr = await Factory.CreateClientInRoleAsync(Roles.ProgrammeManager);

        var refused = await hr.PutAsJsonAsync($"/api/v1/accounts/{accountId}/person", new LinkPerson(await AddPersonAsync("Elsa Riva", null)), ApiJson.Options, Cancel);

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Null(await Factory.WithDbAsync(db => db.Users.Where(u => u.Id == accountId).Select(u => u.PersonId).SingleAsync(Cancel)));
    }

    [Fact]
    public async Task The_accounts_page_links_by_employee_number_and_says_so_when_nobody_has_it()
    {
        var employee = $"E{Guid.NewGuid():N}"[..12];
        var personId = await AddPersonAsync("Bruno Fontana", null, employee);
        var accountId = await AccountIdAsync(await Factory.CreateUserAsync(Roles.Participant));
        var adminName = await Factory.CreateUserAsync(Roles.Administrator);
        using var admin = await CookieJar.SignedInAsync(Factory, adminName);
        var page = await admin.GetStringAsync("/Accounts?culture=it");

        var unknown = await admin.PostFormAsync($"/Accounts?handler=Person&id={accountId}&culture=it", page, new Dictionary<string, string> { ["person"] = "nessuno-così" });
        var linked = await admin.PostFormAsync($"/Accounts?handler=Person&id={accountId}", page, new Dictionary<string, string> { ["person"] = employee });

        Assert.Contains("Nessuno in anagrafica ha la matricola", WebUtility.HtmlDecode(await unknown.Content.ReadAsStringAsync(Cancel)), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, linked.StatusCode);
        Assert.Equal(personId, await Factory.WithDbAsync(db => db.Users.Where(u => u.Id == accountId).Select(u => u.PersonId).SingleAsync(Cancel)));
        Assert.Contains("Bruno Fontana", await admin.GetStringAsync("/Accounts"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Hr_adds_a_co_manager_and_a_sponsor_from_the_programme_and_the_last_manager_stays()
    {
        var hrName = await Factory.CreateUserAsync(Roles.ProgrammeManager);
        using var hrApi = await Factory.CreateClientForUserAsync(hrName);
        var programmeId = await CreateProgrammeAsync(hrApi);
        var colleague = await Factory.CreateUserAsync(Roles.ProgrammeManager);
        var sponsor = await Factory.CreateUserAsync(Roles.Sponsor);
        using var hr = await CookieJar.SignedInAsync(Factory, hrName);
        var members = $"/Programmes/Members/{programmeId}";
        var page = await hr.GetStringAsync(members);
        Assert.Contains($"value=\"{colleague}\"", page, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.Redirect, (await hr.PostFormAsync($"{members}?handler=Add", page, new Dictionary<string, string> { ["userName"] = colleague, ["role"] = ProgrammeAccess.ManagerRole })).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await hr.PostFormAsync($"{members}?handler=Add", page, new Dictionary<string, string> { ["userName"] = sponsor, ["role"] = ProgrammeAccess.SponsorRole })).StatusCode);
        var wrongRole = await hr.PostFormAsync($"{members}?handler=Add&culture=it", page, new Dictionary<string, string> { ["userName"] = sponsor, ["role"] = ProgrammeAccess.ManagerRole });

        var wrongRolePage = WebUtility.HtmlDecode(await wrongRole.Content.ReadAsStringAsync(Cancel));
        Assert.Contains("Nessun account con questo nome utente e il ruolo HR (responsabile del programma)", wrongRolePage, StringComparison.Ordinal);
        // Beside the account field too, which names the message for a screen reader.
        Assert.Matches("<(select|input) id=\"member-user\" name=\"userName\"[^>]* class=\"form-(select|control) is-invalid\"[^>]* aria-describedby=\"member-user-error member-user-hint\" aria-invalid=\"true\"", wrongRolePage);
        Assert.Matches("<div class=\"invalid-feedback\" id=\"member-user-error\">Nessun account con questo nome utente", wrongRolePage);
        using var colleagueApi = await Factory.CreateClientForUserAsync(colleague);
        Assert.Equal(HttpStatusCode.OK, (await colleagueApi.GetAsync($"/api/v1/programmes/{programmeId}", Cancel)).StatusCode);

        var ids = await Factory.WithDbAsync(db => db.Users.Where(u => u.UserName == hrName || u.UserName == colleague).ToDictionaryAsync(u => u.UserName!, u => u.Id, Cancel));
        Assert.Equal(HttpStatusCode.OK, (await hrApi.DeleteAsync($"/api/v1/programmes/{programmeId}/members/{ids[colleague]}", Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await colleagueApi.GetAsync($"/api/v1/programmes/{programmeId}", Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await hrApi.DeleteAsync($"/api/v1/programmes/{programmeId}/members/{ids[hrName]}", Cancel)).StatusCode);
        Assert.Equal(2, await Factory.WithDbAsync(db => db.ProgrammeMembers.CountAsync(m => m.ProgrammeId == programmeId, Cancel)));
    }

    [Fact]
    public async Task Hr_of_another_programme_cannot_see_or_change_its_members()
    {
        using var owner = await Factory.CreateClientInRoleAsync(Roles.ProgrammeManager);
        var programmeId = await CreateProgrammeAsync(owner);
        var outsiderName = await Factory.CreateUserAsync(Roles.ProgrammeManager);
        using var outsider = await CookieJar.SignedInAsync(Factory, outsiderName);
        using var outsiderApi = await Factory.CreateClientForUserAsync(outsiderName);
        var ownPage = await outsider.GetStringAsync("/Programmes");

        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync($"/Programmes/Members/{programmeId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.PostFormAsync($"/Programmes/Members/{programmeId}?handler=Add", ownPage, new Dictionary<string, string> { ["userName"] = outsiderName, ["role"] = ProgrammeAccess.ManagerRole })).StatusCode);
        var memberId = await Factory.WithDbAsync(db => db.ProgrammeMembers.Where(m => m.ProgrammeId == programmeId).Select(m => m.UserId).FirstAsync(Cancel));
        Assert.Equal(HttpStatusCode.NotFound, (await outsiderApi.DeleteAsync($"/api/v1/programmes/{programmeId}/members/{memberId}", Cancel)).StatusCode);
        Assert.Equal(1, await Factory.WithDbAsync(db => db.ProgrammeMembers.CountAsync(m => m.ProgrammeId == programmeId, Cancel)));
    }

    private static async Task<Guid> CreateProgrammeAsync(HttpClient hr)
    {
        var response = await hr.PostAsJsonAsync("/api/v1/programmes", new ProgrammeInput("Membri 2027", null, new DateOnly(2027, 1, 11), new DateOnly(2027, 4, 9)), ApiJson.Options, Cancel);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<ProgrammeView>(ApiJson.Options, Cancel))!.Id;
    }

    private Task<Guid> AccountIdAsync(string userName) =>
        Factory.WithDbAsync(db => db.Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync(Cancel));

    private Task<Guid> AddPersonAsync(string name, string? email, string? externalId = null) => Factory.WithDbAsync(async db =>
    {
        var now = Factory.Time.GetUtcNow().UtcDateTime;
        var person = new Person { ExternalId = externalId ?? $"t-{Guid.NewGuid():N}", DisplayName = name, Email = email, CreatedUtc = now };
        person.Touch(now);
        db.People.Add(person);
        await db.SaveChangesAsync(Cancel);
        return person.Id;
    });
}

public sealed class AccountPersonAndMembersSqliteTests(SqliteAppFixture fixture) : AccountPersonAndMembersTests(fixture), IClassFixture<SqliteAppFixture>;

public sealed class AccountPersonAndMembersPostgresTests(PostgresAppFixture fixture) : AccountPersonAndMembersTests(fixture), IClassFixture<PostgresAppFixture>;
