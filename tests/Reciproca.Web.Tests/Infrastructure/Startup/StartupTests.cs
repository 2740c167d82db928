using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Reciproca.Web.Features.People;
using Reciproca.Web.Infrastructure.Auth;
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
    public async Task A_second_instance_on_the_same_database_honours_the_sign_in_and_forms_of_the_first()
    {
        await using var first = NewFactory();
        _ = first.Server;
        var userName = await first.CreateUserAsync(Roles.ProgrammeManager);
        var cookies = new CookieContainer();
        using var toFirst = first.CreateDefaultClient(new Uri("http://localhost"), new CookieContainerHandler(cookies));
        Assert.Equal(HttpStatusCode.Redirect, (await BrowserSession.SignInAsync(toFirst, userName, ReciprocaFactory.UserPassword)).StatusCode);
        var form = await toFirst.GetStringAsync("/Programmes/Create", TestContext.Current.CancellationToken);

        // Another instance behind the same load balancer: same database, its own process state.
        await using var second = NewFactory(connectionString: first.ConnectionString);
        using var toSecond = second.CreateDefaultClient(new Uri("http://localhost"), new CookieContainerHandler(cookies));
        var page = await toSecond.GetAsync("/Programmes", TestContext.Current.CancellationToken);
        var created = await toSecond.PostAsync("/Programmes/Create", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Form.Name"] = "Creato sull'altra istanza",
            ["Form.StartsOn"] = "2027-01-11",
            ["Form.EndsOn"] = "2027-04-09",
            ["Form.PlannedSessions"] = "6",
            ["Form.CadenceWeeks"] = "12",
            ["Form.ReportingLineDepth"] = "1",
            ["Form.OtherDepartmentWeight"] = "10",
            ["Form.OtherLocationWeight"] = "5",
            ["Form.MinimumScore"] = "1",
            ["Form.ExperienceMentorCapacity"] = "1",
            ["Form.AssessDigital"] = "true",
            ["Form.AssessExperience"] = "true",
            ["__RequestVerificationToken"] = BrowserSession.AntiforgeryToken(form),
        }), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        Assert.StartsWith("/Programmes/Details/", created.Headers.Location?.OriginalString, StringComparison.Ordinal);
        Assert.True(await second.WithDbAsync(db => db.DataProtectionKeys.AnyAsync()), "the key ring is kept in the database");
    }

    [Fact]
    public async Task With_a_certificate_configured_the_stored_keys_are_encrypted()
    {
        var folder = Directory.CreateTempSubdirectory("reciproca-dp").FullName;
        using var rsa = RSA.Create(2048);
        using var certificate = new CertificateRequest("CN=Reciproca data protection (test)", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
            .CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        var path = Path.Combine(folder, "dp.pfx");
        await File.WriteAllBytesAsync(path, certificate.Export(X509ContentType.Pfx, "pfx-password"), TestContext.Current.CancellationToken);
        try
        {
            await using var factory = NewFactory(new Dictionary<string, string?> { ["DataProtection:CertificatePath"] = path, ["DataProtection:CertificatePassword"] = "pfx-password" });
            using var client = factory.CreateApiClient(token: null);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Account/Login", TestContext.Current.CancellationToken)).StatusCode);

            var keys = await factory.WithDbAsync(db => db.DataProtectionKeys.Select(k => k.Xml).ToListAsync());
            Assert.NotEmpty(keys);
            Assert.All(keys, xml =>
            {
                Assert.Contains("encryptedSecret", xml, StringComparison.Ordinal);
                Assert.DoesNotContain("<masterKey", xml, StringComparison.Ordinal);
            });
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
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
