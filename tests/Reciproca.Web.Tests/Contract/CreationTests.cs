using System.Net;
using System.Text.Json.Nodes;
using Reciproca.Web.Tests.Support;

namespace Reciproca.Web.Tests.Contract;

/// <summary>ARCHITECTURE.md, API contract: creations answer 201 with <c>Location</c>, and the Location can be read.</summary>
public abstract class CreationTests(AppFixture fixture)
{
    private ReciprocaFactory Factory => fixture.Require();

    [Fact]
    public async Task Every_creation_answers_201_with_a_location_that_can_be_read()
    {
        var world = await ContractWorld.ArrangeAsync(Factory);
        var ct = TestContext.Current.CancellationToken;

        string[] expected = ["CreateProgramme", "EnrolParticipants", "InviteByEmail", "AddProgrammeMember", "RunMatching"];
        Assert.Equal(expected.Order(StringComparer.Ordinal), world.Creations.Select(c => c.Operation).Distinct().Order(StringComparer.Ordinal));
        foreach (var creation in world.Creations)
        {
            Assert.True(creation.Status == HttpStatusCode.Created, $"{creation.Operation}: {(int)creation.Status} {creation.Body}");
            Assert.True(creation.Location is not null, $"{creation.Operation}: no Location");
            var location = creation.Location!.OriginalString;
            Assert.StartsWith("/api/v1/programmes/", location, StringComparison.Ordinal);
            var read = await world.Hr.GetAsync(location, ct);
            Assert.True(read.StatusCode == HttpStatusCode.OK, $"{creation.Operation}: GET {location} answered {(int)read.StatusCode}");

            if (creation.Operation is "CreateProgramme" or "RunMatching")
            {
                // The Location is the created resource itself: the same id as the 201's body.
                var id = JsonNode.Parse(creation.Body)!["id"]!.GetValue<string>();
                Assert.EndsWith($"/{id}", location, StringComparison.Ordinal);
                Assert.Equal(id, (await ContractWorld.ReadJsonAsync(read))!["id"]!.GetValue<string>());
            }
        }

        Assert.Equal($"{world.Url}/matching-runs/{world.RunId}", world.Creations.Single(c => c.Operation == "RunMatching").Location!.OriginalString);
        Assert.Equal(world.Url, world.Creations.First(c => c.Operation == "CreateProgramme").Location!.OriginalString);
    }

    [Fact]
    public void Every_creation_the_document_lists_declares_201()
    {
        // The operations above are the document's creations: each declares 201 and no 200, so generated clients agree.
        string[] creations = ["CreateProgramme", "EnrolParticipants", "InviteByEmail", "AddProgrammeMember", "RunMatching"];
        var operations = ContractDocument.Operations.Where(op => creations.Contains(op.Id)).ToList();

        Assert.Equal(creations.Length, operations.Count);
        Assert.All(operations, op => Assert.True(op.Responses.Contains(201) && !op.Responses.Contains(200), $"{op}: {string.Join(", ", op.Responses)}"));
    }
}

public sealed class CreationSqliteTests(SqliteAppFixture fixture) : CreationTests(fixture), IClassFixture<SqliteAppFixture>;

public sealed class CreationPostgresTests(PostgresAppFixture fixture) : CreationTests(fixture), IClassFixture<PostgresAppFixture>;
