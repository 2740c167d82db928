using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Reciproca.Web.Features.Invitations;
using Reciproca.Web.Features.Programmes;
using Reciproca.Web.Infrastructure.Auth;
using Reciproca.Web.Infrastructure.Email;
using Reciproca.Web.Tests.Support;

namespace Reciproca.Web.Tests;

/// <summary>
/// Links in e-mails come from Email:PublicBaseUrl only, never from a request's Host header; outside Development the
/// application does not start without it, and answers no host but its own (ADR 0014).
/// </summary>
public abstract class PublicLinkTests(Engine engine)
{
    private const string PublicBaseUrl = "https://mentoring.officine.example";
    private static readonly JsonSerializerOptions _json = new(ImportRequest.Json) { Converters = { new JsonStringEnumConverter() } };

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private ReciprocaFactory NewFactory(IDictionary<string, string?> settings)
    {
        if (engine == Engine.Postgres)
        {
            TestEnvironment.PostgresConnectionString();
        }

        return new ReciprocaFactory(engine, settings);
    }

    [Fact]
    public async Task A_request_with_a_forged_host_queues_mail_whose_links_start_with_the_configured_address()
    {
        // Every host let through, as behind a proxy that does not check: the links must not depend on the filter.
        await using var factory = NewFactory(new Dictionary<string, string?> { ["Email:PublicBaseUrl"] = PublicBaseUrl, ["AllowedHosts"] = "*" });
        var hr = await factory.CreateClientInRoleAsync(Roles.ProgrammeManager);
        hr.BaseAddress = new Uri("http://evil.example");
        var created = await hr.PostAsJsonAsync("/api/v1/programmes",
            new ProgrammeInput("Link sicuri", "Coppie", new DateOnly(2027, 1, 11), new DateOnly(2027, 4, 9), 6, 12, new MatchingRulesInput()), _json, Cancel);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var programme = (await created.Content.ReadFromJsonAsync<ProgrammeView>(_json, Cancel))!;
        await factory.TakeMailAsync();

        var invited = await hr.PostAsJsonAsync($"/api/v1/programmes/{programme.Id}/invitations", new InviteByEmail(["anna.verdi@officine.example"], null), _json, Cancel);

        Assert.Equal(HttpStatusCode.Created, invited.StatusCode);
        Assert.Equal("evil.example", invited.RequestMessage?.RequestUri?.Host);
        var mail = Assert.Single(await factory.TakeMailAsync());
        Assert.Contains($"{PublicBaseUrl}/Invitations/Accept/inv_", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains($"{PublicBaseUrl}/Invitations/Accept/inv_", mail.HtmlBody, StringComparison.Ordinal);
        Assert.DoesNotContain("evil.example", mail.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("evil.example", mail.HtmlBody, StringComparison.Ordinal);

        // A background job has no request at all: the same address.
        await using var scope = factory.Services.CreateAsyncScope();
        Assert.Equal($"{PublicBaseUrl}/Programmes/Pair/1", scope.ServiceProvider.GetRequiredService<EmailLinks>().Absolute("/Programmes/Pair/1"));
    }
}

public sealed class PublicLinkSqliteTests() : PublicLinkTests(Engine.Sqlite);

public sealed class PublicLinkPostgresTests() : PublicLinkTests(Engine.Postgres);

/// <summary>What the application accepts at start-up and from which hosts; no data involved, so one engine.</summary>
public sealed class PublicAddressStartupTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Outside_development_the_application_refuses_to_start_without_a_public_base_url()
    {
        await using var factory = new ReciprocaFactory(Engine.Sqlite, new Dictionary<string, string?> { ["Email:PublicBaseUrl"] = "" });

        var failure = Assert.ThrowsAny<Exception>(() => factory.Server);

        Assert.Contains("Email:PublicBaseUrl is not set", Messages(failure), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_public_base_url_that_is_not_an_http_address_is_refused_at_start()
    {
        await using var factory = new ReciprocaFactory(Engine.Sqlite, new Dictionary<string, string?> { ["Email:PublicBaseUrl"] = "reciproca.example.com" });

        var failure = Assert.ThrowsAny<Exception>(() => factory.Server);

        Assert.Contains("Email:PublicBaseUrl 'reciproca.example.com' is not an absolute http or https address", Messages(failure), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_allowed_hosts_only_the_host_of_the_public_base_url_is_answered()
    {
        await using var factory = new ReciprocaFactory(Engine.Sqlite);
        using var own = factory.CreateApiClient(token: null);
        using var forged = factory.CreateClient(new() { BaseAddress = new Uri("http://evil.example"), AllowAutoRedirect = false });

        Assert.Equal(HttpStatusCode.OK, (await own.GetAsync("/health", Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await forged.GetAsync("/health", Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await forged.GetAsync("/Account/Login", Cancel)).StatusCode);
    }

    [Fact]
    public void In_development_an_empty_public_base_url_is_accepted_and_links_use_the_listening_address()
    {
        var development = Validation(Environments.Development);
        var production = Validation(Environments.Production);
        var empty = new EmailOptions { PublicBaseUrl = "", Delivery = EmailDelivery.Pickup };

        Assert.True(development.Validate(null, empty).Succeeded);
        Assert.True(production.Validate(null, empty).Failed);

        var server = new FakeServer("http://[::]:5080", "https://0.0.0.0:5443");
        Assert.Equal("http://localhost:5080/Programmes", new EmailLinks(new PublicAddress(Options.Create(empty), server)).Absolute("/Programmes"));
        var configured = new EmailOptions { PublicBaseUrl = "https://reciproca.example.com/" };
        Assert.Equal("https://reciproca.example.com/Programmes", new EmailLinks(new PublicAddress(Options.Create(configured), server)).Absolute("/Programmes"));
    }

    [Theory]
    [InlineData("http://localhost:5080", "http://localhost:5080")]
    [InlineData("http://0.0.0.0:5000", "http://localhost:5000")]
    [InlineData("http://[::]:5000", "http://localhost:5000")]
    [InlineData("http://+:80", "http://localhost:80")]
    [InlineData("https://*:5443", "https://localhost:5443")]
    [InlineData("http://[::1]:5000", "http://[::1]:5000")]
    [InlineData("http://127.0.0.1:5000/", "http://127.0.0.1:5000")]
    public void A_wildcard_listening_address_becomes_localhost(string address, string expected) =>
        Assert.Equal(expected, PublicAddress.FromListeningAddresses(["unix:/tmp/kestrel.sock", address]));

    internal static string Messages(Exception exception) => exception switch
    {
        AggregateException aggregate => string.Join(" | ", aggregate.InnerExceptions.Select(Messages)),
        { InnerException: { } inner } => exception.Message + " | " + Messages(inner),
        _ => exception.Message,
    };

    private static EmailOptionsValidation Validation(string environmentName) => new(new Environment(environmentName));

    private sealed class Environment(string name) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;

        public string ApplicationName { get; set; } = "Reciproca.Web";

        public string ContentRootPath { get; set; } = "";

        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }

    private sealed class FakeServer : IServer
    {
        public FakeServer(params string[] addresses)
        {
            var feature = new ServerAddressesFeature();
            foreach (var address in addresses)
            {
                feature.Addresses.Add(address);
            }

            Features.Set<IServerAddressesFeature>(feature);
        }

        public IFeatureCollection Features { get; } = new FeatureCollection();

        public Task StartAsync<TContext>(IHttpApplication<TContext> application, CancellationToken cancellationToken)
            where TContext : notnull => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public void Dispose()
        {
        }
    }
}
