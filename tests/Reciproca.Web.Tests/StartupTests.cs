using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Reciproca.Web.Features.People;
using Reciproca.Web.Infrastructure.Startup;
using Reciproca.Web.Tests.Support;

namespace Reciproca.Web.Tests;

/// <summary>The first and the second start, health and API documentation, on each engine.</summary>
public abstract class StartupTests(Engine engine)
{
    private static readonly Dictionary<string, string?> _demo = new() { ["Demo:Enabled"] = "true" };

    private ReciprocaFactory NewFactory(IDictionary<string, string?>? settings = null, string? connectionString = null)
    {
        if (engine == Engine.Postgres)
        {
            TestEnvironment.PostgresConnectionString();
        }

        return new ReciprocaFactory(engine, settings, connectionString);
    }

    [Fact]
    public async Task The_demo_organisation_is_seeded_once_with_five_generations_and_reporting_lines()
    {
        await using var first = NewFactory(_demo);
        _ = first.Server;
        var people = await first.WithDbAsync(db => db.People.AsNoTracking().ToListAsync());
        var scheme = GenerationScheme.Pew;

        Assert.Equal(300, people.Count);
        Assert.Equal(["boomers", "genx", "genz", "millennials", "silent"], people.Select(p => scheme.Of(p.BirthYear)?.Key).Distinct().Order());
        Assert.True(people.Select(p => p.Department).Distinct().Count() >= 12);
        Assert.True(people.Select(p => p.Location).Distinct().Count() >= 5);
        Assert.Single(people, p => p.ManagerId is null);
        Assert.All(people.Where(p => p.ManagerExternalId is not null), p => Assert.Equal(people.Single(m => m.ExternalId == p.ManagerExternalId).Id, p.ManagerId));
        Assert.Contains(people, p => p.DisplayName.Contains('ò', StringComparison.Ordinal) || p.DisplayName.Contains('ù', StringComparison.Ordinal));
        var report = first.Services.GetRequiredService<StartupReport>().Lines;
        Assert.Contains(report, l => l.Contains(DemoOrganisationSeeder.HrUser, StringComparison.Ordinal));

        // A second start on the same database: nothing is seeded again and no second administrator appears.
        await using var second = NewFactory(_demo, first.ConnectionString);
        _ = second.Server;
        Assert.Equal(300, await second.WithDbAsync(db => db.People.CountAsync()));
        Assert.Equal(1 + 4, await second.WithDbAsync(db => db.Users.CountAsync()));
        Assert.DoesNotContain(second.Services.GetRequiredService<StartupReport>().Lines, l => l.Contains("one-time password:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Health_and_the_openapi_document_answer_anonymously()
    {
        await using var factory = NewFactory();
        using var client = factory.CreateApiClient(token: null);

        var health = await client.GetAsync("/health", TestContext.Current.CancellationToken);
        var openApi = await client.GetAsync("/openapi/v1.json", TestContext.Current.CancellationToken);
        var reference = await client.GetAsync("/api/reference/v1", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal("Healthy", await health.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var document = await openApi.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, openApi.StatusCode);
        Assert.Contains("/api/v1/people/import", document, StringComparison.Ordinal);
        Assert.Contains("\"bearer\"", document, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, reference.StatusCode);
    }
}

public sealed class StartupSqliteTests() : StartupTests(Engine.Sqlite);

public sealed class StartupPostgresTests() : StartupTests(Engine.Postgres);
