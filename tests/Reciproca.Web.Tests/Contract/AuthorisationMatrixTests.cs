using System.Net;
using System.Text;
using Reciproca.Web.Infrastructure.Auth;
using Reciproca.Web.Tests.Support;

namespace Reciproca.Web.Tests.Contract;

/// <summary>
/// The authorisation matrix, driven from the OpenAPI document so that a new operation is covered the day it is added:
/// every operation refuses anonymous callers and unknown tokens with 401, and nobody outside a programme (an HR user
/// who is not its member, a sponsor who is not its member, a participant who is not in it) gets a success from any
/// operation of that programme, only a 403 or 404 the document declares.
/// </summary>
public abstract class AuthorisationMatrixTests(AppFixture fixture)
{
    private ReciprocaFactory Factory => fixture.Require();

    [Fact]
    public async Task Every_operation_refuses_an_anonymous_caller_and_an_unknown_token_with_a_documented_401()
    {
        var world = await ContractWorld.ArrangeAsync(Factory);
        using var anonymous = Factory.CreateApiClient(token: null);
        using var forged = Factory.CreateApiClient(token: "not-a-token-of-this-installation");
        var failures = new List<string>();

        foreach (var operation in ContractDocument.Operations)
        {
            foreach (var (who, client) in new[] { ("anonymous", anonymous), ("unknown token", forged) })
            {
                using var response = await client.SendAsync(Request(operation, world), TestContext.Current.CancellationToken);
                if (response.StatusCode != HttpStatusCode.Unauthorized || !operation.Responses.Contains(401))
                {
                    failures.Add($"{who} {operation}: {(int)response.StatusCode}");
                }
            }
        }

        Assert.True(ContractDocument.Operations.Count >= 30, $"Only {ContractDocument.Operations.Count} operations: is the document read?");
        Assert.True(failures.Count == 0, $"{failures.Count} answers were not a documented 401:\n{string.Join("\n", failures)}");
    }

    [Fact]
    public async Task Nobody_outside_a_programme_succeeds_at_any_of_its_operations()
    {
        var world = await ContractWorld.ArrangeAsync(Factory);
        using var otherHr = await Factory.CreateClientInRoleAsync(Roles.ProgrammeManager);
        using var otherSponsor = await Factory.CreateClientInRoleAsync(Roles.Sponsor);
        using var stranger = await Factory.CreateClientInRoleAsync(Roles.Participant);
        var scoped = ContractDocument.Operations.Where(op => op.Path.StartsWith("/api/v1/programmes/{id}", StringComparison.Ordinal)).ToList();
        var failures = new List<string>();

        foreach (var operation in scoped)
        {
            foreach (var (who, client) in new[] { ("HR not a member", otherHr), ("sponsor not a member", otherSponsor), ("participant not in it", stranger) })
            {
                using var response = await client.SendAsync(Request(operation, world), TestContext.Current.CancellationToken);
                var status = (int)response.StatusCode;
                if (status is not (403 or 404) || !operation.Responses.Contains(status))
                {
                    failures.Add($"{who} {operation}: {status}");
                }
            }
        }

        Assert.True(scoped.Count >= 25, $"Only {scoped.Count} programme operations: is the document read?");
        Assert.True(failures.Count == 0, $"{failures.Count} answers to outsiders were not a documented 403 or 404:\n{string.Join("\n", failures)}");
    }

    [Fact]
    public async Task Every_operation_refuses_the_roles_its_declared_policy_leaves_out_with_a_documented_403()
    {
        var world = await ContractWorld.ArrangeAsync(Factory);
        string[] roles = [Roles.Participant, Roles.Sponsor, Roles.ProgrammeManager, Roles.Administrator];
        var clients = new Dictionary<string, HttpClient>();
        foreach (var role in roles)
        {
            clients[role] = await Factory.CreateClientInRoleAsync(role);
        }

        var failures = new List<string>();
        var refusals = 0;
        try
        {
            foreach (var operation in ContractDocument.Operations)
            {
                var policy = Architecture.EndpointPolicyTests.PolicyOf(operation.Method, operation.Path);
                foreach (var role in roles)
                {
                    using var response = await clients[role].SendAsync(Request(operation, world), TestContext.Current.CancellationToken);
                    var status = (int)response.StatusCode;
                    // A role the policy leaves out meets a documented 403 before anything is looked up. What an allowed
                    // role meets depends on the programme scope and the pair (a pair's content is its partners' alone),
                    // which the outsider test above and the feature tests cover.
                    var refused = !Architecture.EndpointPolicyTests.Allows(policy, role);
                    refusals += refused ? 1 : 0;
                    if (refused && (status != 403 || !operation.Responses.Contains(403)))
                    {
                        failures.Add($"{role} {operation} (policy {policy}): {status}");
                    }
                }
            }
        }
        finally
        {
            foreach (var client in clients.Values)
            {
                client.Dispose();
            }
        }

        Assert.True(refusals >= 50, $"Only {refusals} role refusals were tried: is the policy table read?");
        Assert.True(failures.Count == 0, $"{failures.Count} of {refusals} refusals were not a documented 403:\n{string.Join("\n", failures)}");
    }

    /// <summary>The operation on the world's real ids, with a well-formed body where it takes one.</summary>
    private static HttpRequestMessage Request(ContractOperation operation, ContractWorld world) =>
        new(new HttpMethod(operation.Method), operation.UrlWith(world.PathValues))
        {
            Content = operation.JsonBody is { } schema ? new StringContent(ContractDocument.Sample(schema)!.ToJsonString(), Encoding.UTF8, "application/json") : null,
        };
}

public sealed class AuthorisationMatrixSqliteTests(SqliteAppFixture fixture) : AuthorisationMatrixTests(fixture), IClassFixture<SqliteAppFixture>;

public sealed class AuthorisationMatrixPostgresTests(PostgresAppFixture fixture) : AuthorisationMatrixTests(fixture), IClassFixture<PostgresAppFixture>;
