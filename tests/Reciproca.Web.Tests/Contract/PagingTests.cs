using System.Text.Json.Nodes;
using Reciproca.Web.Tests.Support;

namespace Reciproca.Web.Tests.Contract;

/// <summary>
/// ARCHITECTURE.md, API contract: every list answers <c>{ total, page, pageSize, items }</c> with the same bounds.
/// Driven by the document: every GET whose 200 schema has <c>items</c>.
/// </summary>
public abstract class PagingTests(AppFixture fixture)
{
    private static readonly string[] _envelope = ["items", "page", "pageSize", "total"];

    private ReciprocaFactory Factory => fixture.Require();

    private static bool IsList(ContractOperation operation) =>
        operation.Method == "GET"
        && operation.Node["responses"]?["200"]?["content"]?["application/json"]?["schema"] is { } schema
        && ContractDocument.Resolve(schema)["properties"]?["items"] is not null;

    private static async Task<JsonObject> PageAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url, TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.IsSuccessStatusCode, $"GET {url}: {(int)response.StatusCode} {body}");
        return JsonNode.Parse(body)!.AsObject();
    }

    private static (int Total, int Page, int PageSize, JsonArray Items) Read(JsonObject page) =>
        (page["total"]!.GetValue<int>(), page["page"]!.GetValue<int>(), page["pageSize"]!.GetValue<int>(), page["items"]!.AsArray());

    [Fact]
    public async Task Every_list_of_the_document_has_the_envelope_the_bounds_and_pages_of_one()
    {
        var world = await ContractWorld.ArrangeAsync(Factory);
        using var admin = Factory.CreateApiClient();
        var lists = ContractDocument.Operations.Where(IsList).ToList();
        Assert.True(lists.Count >= 7, $"Only {lists.Count} lists in the document: is it read?");

        foreach (var list in lists)
        {
            var url = list.UrlWith(world.PathValues);
            var join = url.Contains('?', StringComparison.Ordinal) ? "&" : "?";

            // A list under /me is the caller's own: the senior's notifications (of the enrolment, the proposed pair and
            // the junior's acceptance), which the administrator does not have.
            var client = list.Path.StartsWith("/api/v1/me/", StringComparison.Ordinal) ? world.Senior : admin;
            var first = await PageAsync(client, url);
            Assert.Equal(_envelope, first.Select(p => p.Key).Order(StringComparer.Ordinal));
            var (total, page, pageSize, items) = Read(first);
            Assert.True((page, pageSize, items.Count) == (1, 25, Math.Min(total, 25)), $"{list}: default page {page}, size {pageSize}, {items.Count} of {total}");
            Assert.True(total >= 2, $"{list}: the arrangement should give at least two items, got {total}");

            var clamped = Read(await PageAsync(client, $"{url}{join}page=0&pageSize=1000"));
            Assert.True((clamped.Page, clamped.PageSize, clamped.Total) == (1, 200, total), $"{list}: page=0&pageSize=1000 answered page {clamped.Page}, size {clamped.PageSize}, total {clamped.Total}");
            var negative = Read(await PageAsync(client, $"{url}{join}page=-4&pageSize=201"));
            Assert.True((negative.Page, negative.PageSize) == (1, 200), $"{list}: page=-4&pageSize=201 answered page {negative.Page}, size {negative.PageSize}");

            // Pages of one walk the same order as one big page, and the page after the last is empty.
            var all = clamped.Items;
            for (var number = 1; number <= Math.Min(total, 4); number++)
            {
                var single = Read(await PageAsync(client, $"{url}{join}page={number}&pageSize=1"));
                Assert.True((single.Page, single.PageSize, single.Total) == (number, 1, total), $"{list}: page {number} of one answered page {single.Page}, size {single.PageSize}, total {single.Total}");
                Assert.Equal(all[number - 1]!.ToJsonString(), Assert.Single(single.Items)!.ToJsonString());
            }

            var beyond = Read(await PageAsync(client, $"{url}{join}page={total + 1}&pageSize=1"));
            Assert.True(beyond.Items.Count == 0 && beyond.Total == total, $"{list}: page {total + 1} of one has {beyond.Items.Count} items, total {beyond.Total}");
        }
    }

    [Fact]
    public async Task The_state_and_status_filters_narrow_the_list_and_its_total()
    {
        var world = await ContractWorld.ArrangeAsync(Factory);

        var pairs = Read(await PageAsync(world.Hr, $"{world.Url}/pairs"));
        var proposed = Read(await PageAsync(world.Hr, $"{world.Url}/pairs?state=Proposed"));
        var accepted = Read(await PageAsync(world.Hr, $"{world.Url}/pairs?state=Accepted&pageSize=1"));
        var applied = Read(await PageAsync(world.Hr, $"{world.Url}/participants?status=Applied"));
        var enrolled = Read(await PageAsync(world.Hr, $"{world.Url}/participants?status=Enrolled"));

        Assert.Equal(3, pairs.Total);
        Assert.Equal(2, proposed.Total);
        Assert.All(proposed.Items, p => Assert.Equal("Proposed", p!["state"]!.GetValue<string>()));
        Assert.Equal((1, world.PairId.ToString()), (accepted.Total, Assert.Single(accepted.Items)!["id"]!.GetValue<string>()));
        Assert.Equal(world.People["A1"].ToString(), Assert.Single(applied.Items)!["personId"]!.GetValue<string>());
        Assert.Equal(1, applied.Total);
        Assert.Equal(7, enrolled.Total);
        Assert.All(enrolled.Items, p => Assert.Equal("Enrolled", p!["status"]!.GetValue<string>()));
    }
}

public sealed class PagingSqliteTests(SqliteAppFixture fixture) : PagingTests(fixture), IClassFixture<SqliteAppFixture>;

public sealed class PagingPostgresTests(PostgresAppFixture fixture) : PagingTests(fixture), IClassFixture<PostgresAppFixture>;
