using System.Net;
using System.Text.Json.Nodes;
using Reciproca.Web.Infrastructure.Auth;
using Reciproca.Web.Tests.Support;

namespace Reciproca.Web.Tests.Contract;

/// <summary>The catalogue endpoints: DigComp competences and levels, experience topics, the generation scheme.</summary>
public abstract class ReferenceDataTests(AppFixture fixture)
{
    private static readonly string[] _catalogue = ["/api/v1/catalogue/competences", "/api/v1/catalogue/topics", "/api/v1/catalogue/generations"];

    private ReciprocaFactory Factory => fixture.Require();

    private static async Task<JsonNode> GetAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url, TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {url}: {(int)response.StatusCode} {body}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return JsonNode.Parse(body)!;
    }

    private static void AssertBilingual(JsonNode? text, string what)
    {
        Assert.False(string.IsNullOrWhiteSpace(text?["en"]?.GetValue<string>()), $"{what}: no English");
        Assert.False(string.IsNullOrWhiteSpace(text?["it"]?.GetValue<string>()), $"{what}: no Italian");
    }

    [Theory]
    [InlineData(Roles.Participant)]
    [InlineData(Roles.Sponsor)]
    [InlineData(Roles.ProgrammeManager)]
    [InlineData(Roles.Administrator)]
    public async Task Any_signed_in_role_reads_the_catalogue(string role)
    {
        using var client = await Factory.CreateClientInRoleAsync(role);

        var catalogue = await GetAsync(client, _catalogue[0]);
        var topics = (await GetAsync(client, _catalogue[1])).AsArray();
        var generations = await GetAsync(client, _catalogue[2]);

        var areas = catalogue["areas"]!.AsArray();
        var competences = catalogue["competences"]!.AsArray();
        var levels = catalogue["levels"]!.AsArray();
        Assert.Equal(5, areas.Count);
        Assert.All(areas, a => AssertBilingual(a!["name"], $"area {a!["id"]}"));
        Assert.Equal(21, competences.Count);
        var areaIds = areas.Select(a => a!["id"]!.GetValue<string>()).ToHashSet(StringComparer.Ordinal);
        Assert.All(competences, c =>
        {
            AssertBilingual(c!["name"], $"competence {c["id"]}");
            Assert.Contains(c["area"]!.GetValue<string>(), areaIds);
        });
        Assert.Contains(competences, c => c!["id"]!.GetValue<string>() == "2.4");
        Assert.Equal(Enumerable.Range(1, 8), levels.Select(l => l!["level"]!.GetValue<int>()));
        Assert.All(levels, l => AssertBilingual(l!["band"], $"level {l["level"]}"));
        Assert.Contains("DigComp", catalogue["attribution"]!.GetValue<string>(), StringComparison.Ordinal);

        Assert.NotEmpty(topics);
        Assert.All(topics, t => AssertBilingual(t!["name"], $"topic {t["key"]}"));
        Assert.Contains(topics, t => t!["key"]!.GetValue<string>() == "leadership");

        Assert.Equal("Pew", generations["scheme"]!.GetValue<string>());
        Assert.NotEmpty(generations["generations"]!.AsArray());
    }

    [Fact]
    public async Task Anonymous_callers_and_unknown_tokens_are_401_on_the_catalogue()
    {
        using var anonymous = Factory.CreateApiClient(token: null);
        using var unknown = Factory.CreateApiClient(token: "not-a-token-of-anybody-0123456789");

        foreach (var url in _catalogue)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(url, TestContext.Current.CancellationToken)).StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, (await unknown.GetAsync(url, TestContext.Current.CancellationToken)).StatusCode);
            Assert.Contains(401, ContractDocument.Operations.Single(op => op.Method == "GET" && op.Path == url).Responses);
        }
    }
}

public sealed class ReferenceDataSqliteTests(SqliteAppFixture fixture) : ReferenceDataTests(fixture), IClassFixture<SqliteAppFixture>;

public sealed class ReferenceDataPostgresTests(PostgresAppFixture fixture) : ReferenceDataTests(fixture), IClassFixture<PostgresAppFixture>;
