using System.Net;
using System.Net.Http.Json;
using Reciproca.Web.Features.Pairs;
using Reciproca.Web.Features.Programmes;
using Reciproca.Web.Infrastructure.Auth;
using Reciproca.Web.Tests.Support;

namespace Reciproca.Web.Tests.Contract;

/// <summary>Typed lists refused to the roles they are not for, with the status the document declares.</summary>
public abstract class RoleDenialTests(AppFixture fixture)
{
    private ReciprocaFactory Factory => fixture.Require();

    [Fact]
    public async Task Participants_and_sponsors_are_refused_the_lists_of_hr_with_a_documented_403()
    {
        var world = await ContractWorld.ArrangeAsync(Factory);
        using var sponsor = await Factory.CreateClientInRoleAsync(Roles.Sponsor);
        string[] hrOnly = ["ListParticipants", "ListInvitations", "ListProgrammeMembers", "ListMatchingConstraints", "ListPeople", "ListPairHealth"];
        var failures = new List<string>();

        foreach (var (who, client) in new[] { ("participant", world.Junior), ("sponsor", sponsor) })
        {
            foreach (var operation in ContractDocument.Operations.Where(op => hrOnly.Contains(op.Id)))
            {
                var response = await client.GetAsync(operation.UrlWith(world.PathValues), TestContext.Current.CancellationToken);
                if (response.StatusCode != HttpStatusCode.Forbidden || !operation.Responses.Contains(403))
                {
                    failures.Add($"{who} {operation}: {(int)response.StatusCode}");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task A_sponsor_of_the_programme_is_refused_its_pairs_and_a_participant_sees_only_their_own()
    {
        var world = await ContractWorld.ArrangeAsync(Factory);
        var ct = TestContext.Current.CancellationToken;
        var name = await Factory.CreateUserAsync(Roles.Sponsor);
        var added = await world.Hr.PostAsJsonAsync($"{world.Url}/members", new AddProgrammeMember(name, ProgrammeAccess.SponsorRole), ContractWorld.Json, ct);
        using var member = await Factory.CreateClientForUserAsync(name);
        using var outsider = await Factory.CreateClientInRoleAsync(Roles.Sponsor);
        var list = ContractDocument.Operations.Single(op => op.Id == "ListPairs");

        var refused = await member.GetAsync($"{world.Url}/pairs", ct);
        var hidden = await outsider.GetAsync($"{world.Url}/pairs", ct);
        var own = await world.Junior.GetItemsAsync<PairView>($"{world.Url}/pairs", ContractWorld.Json, ct);

        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        // A sponsor sees the programme but not who is paired with whom; outside their scope the programme does not exist.
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
        Assert.Contains(403, list.Responses);
        Assert.Contains(404, list.Responses);
        Assert.Equal(world.PairId, Assert.Single(own!).Id);
    }
}

public sealed class RoleDenialSqliteTests(SqliteAppFixture fixture) : RoleDenialTests(fixture), IClassFixture<SqliteAppFixture>;

public sealed class RoleDenialPostgresTests(PostgresAppFixture fixture) : RoleDenialTests(fixture), IClassFixture<PostgresAppFixture>;
