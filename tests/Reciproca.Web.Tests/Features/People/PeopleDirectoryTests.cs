using System.Net;
using Reciproca.Web.Features.People;
using Reciproca.Web.Infrastructure.Web.Api;
using Reciproca.Web.Tests.Support;

namespace Reciproca.Web.Tests;

/// <summary><c>GET /api/v1/people</c>: paging, search and filters over an imported directory.</summary>
public abstract class PeopleDirectoryTests(AppFixture fixture) : IAsyncLifetime
{
    private const string Directory =
        "id;given;family;dept;born\r\n" +
        "p1;Nicolò;Ferrari;Vendite;1958\r\n" +
        "p2;Anna;Rossi;Vendite;1972\r\n" +
        "p3;Luca;Bianchi;IT;1985\r\n" +
        "p4;Sofia;Greco;IT;1999\r\n" +
        "p5;Marco;Colombo;IT;2001\r\n" +
        "p6;Giulia;Romano;Qualità;\r\n";

    private ReciprocaFactory Factory => fixture.Require();

    public async ValueTask InitializeAsync()
    {
        await Factory.ResetPeopleAsync();
        using var client = Factory.CreateApiClient();
        await ImportRequest.ReadResultAsync(await ImportRequest.PostAsync(client, ImportRequest.Utf8(Directory), new Dictionary<string, string>
        {
            ["externalId"] = "id",
            ["givenName"] = "given",
            ["familyName"] = "family",
            ["department"] = "dept",
            ["birthYear"] = "born",
        }), HttpStatusCode.OK);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Theory]
    [InlineData("search=nicolo", new[] { "p1" })]
    [InlineData("search=NICOLÒ%20ferr", new[] { "p1" })]
    [InlineData("search=p4", new[] { "p4" })]
    [InlineData("department=IT", new[] { "p3", "p4", "p5" })]
    [InlineData("generation=genz", new[] { "p4", "p5" })]
    [InlineData("generation=boomers", new[] { "p1" })]
    [InlineData("generation=unknown", new[] { "p6" })]
    [InlineData("generation=nonsense", new string[0])]
    [InlineData("department=IT&generation=millennials", new[] { "p3" })]
    public async Task Search_and_filters_select_the_right_people(string query, string[] expected)
    {
        using var client = Factory.CreateApiClient();

        var page = await ImportRequest.ReadJsonAsync<PagedList<PersonSummary>>(await ImportRequest.GetPeopleAsync(client, query));

        Assert.Equal(expected.Length, page.Total);
        Assert.Equal(expected.Order(), page.Items.Select(p => p.ExternalId).Order());
    }

    [Fact]
    public async Task A_search_of_a_thousand_words_uses_its_first_eight()
    {
        using var client = Factory.CreateApiClient();
        // Eight letters that only "Nicolò Ferrari" has all of, then 992 words nobody matches.
        var words = "n i c o l f e r".Split(' ').Concat(Enumerable.Range(1, 992).Select(i => $"zz{i}"));
        var search = Uri.EscapeDataString(string.Join(' ', words));

        var response = await ImportRequest.GetPeopleAsync(client, $"search={search}");
        using var browser = await BrowserSession.SignedInAsync(Factory, Infrastructure.Auth.Roles.ProgrammeManager);
        var page = await browser.GetAsync($"/People?search={search}", TestContext.Current.CancellationToken);

        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal(["p1"], (await ImportRequest.ReadJsonAsync<PagedList<PersonSummary>>(response)).Items.Select(p => p.ExternalId));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal(SearchNormalizer.MaxTerms, SearchNormalizer.Terms(string.Join(' ', words)).Count);
    }

    [Fact]
    public async Task Pages_are_ordered_by_name_and_cover_everybody_once()
    {
        using var client = Factory.CreateApiClient();

        var first = await ImportRequest.ReadJsonAsync<PagedList<PersonSummary>>(await ImportRequest.GetPeopleAsync(client, "page=1&pageSize=4"));
        var second = await ImportRequest.ReadJsonAsync<PagedList<PersonSummary>>(await ImportRequest.GetPeopleAsync(client, "page=2&pageSize=4"));

        Assert.Equal(6, first.Total);
        Assert.Equal(4, first.Items.Count);
        Assert.Equal(2, second.Items.Count);
        var names = first.Items.Concat(second.Items).Select(p => p.DisplayName).ToList();
        Assert.Equal(names.Order(StringComparer.Ordinal), names);
        Assert.Equal(6, names.Distinct().Count());
        Assert.Equal("genz", first.Items.Concat(second.Items).Single(p => p.ExternalId == "p5").Generation);
    }

    [Fact]
    public async Task A_person_is_found_by_id_and_an_unknown_id_is_404()
    {
        using var client = Factory.CreateApiClient();
        var page = await ImportRequest.ReadJsonAsync<PagedList<PersonSummary>>(await ImportRequest.GetPeopleAsync(client, "search=p2"));

        var found = await client.GetAsync($"/api/v1/people/{page.Items[0].Id}", TestContext.Current.CancellationToken);
        var missing = await client.GetAsync($"/api/v1/people/{Guid.NewGuid()}", TestContext.Current.CancellationToken);

        Assert.Equal("Anna Rossi", (await ImportRequest.ReadJsonAsync<PersonSummary>(found)).DisplayName);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task The_people_page_lists_filters_and_pages_in_italian()
    {
        // Pages take the sign-in cookie, never a token.
        using var client = await BrowserSession.SignedInAsync(Factory, Infrastructure.Auth.Roles.ProgrammeManager);
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("it");

        var html = await client.GetStringAsync("/People?department=IT", TestContext.Current.CancellationToken);

        Assert.Contains("<html lang=\"it\">", html, StringComparison.Ordinal);
        Assert.Contains("3 persone trovate.", html, StringComparison.Ordinal);
        Assert.Contains("Sofia Greco", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Anna Rossi", html, StringComparison.Ordinal);
        Assert.Contains("Generazione Z", html, StringComparison.Ordinal);
    }
}

public sealed class PeopleDirectorySqliteTests(SqliteAppFixture fixture) : PeopleDirectoryTests(fixture), IClassFixture<SqliteAppFixture>;

public sealed class PeopleDirectoryPostgresTests(PostgresAppFixture fixture) : PeopleDirectoryTests(fixture), IClassFixture<PostgresAppFixture>;
