using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using MimeKit;
using Npgsql;
using Reciproca.Web.Infrastructure.Auth;
using Reciproca.Web.Infrastructure.Data;
using Reciproca.Web.Infrastructure.Email;

namespace Reciproca.Web.Tests.Support;

public enum Engine
{
    Sqlite,
    Postgres,
}

/// <summary>
/// The application on a database of its own (a temporary SQLite file, or a new PostgreSQL database that is
/// dropped afterwards), migrated by the application's own start-up, with a fake clock.
/// </summary>
public sealed class ReciprocaFactory : WebApplicationFactory<Program>
{
    public const string AdminToken = "admin-test-token-0123456789";

    /// <summary>The address links in e-mails start with; also the only host the test server accepts by default.</summary>
    public const string PublicBaseUrl = "http://localhost";

    private readonly string _connectionString;
    private readonly string? _postgresDatabase;
    private readonly string? _postgresServer;
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "reciproca-tests", Guid.NewGuid().ToString("N"));
    private readonly Dictionary<string, string?> _settings;

    public ReciprocaFactory(Engine engine, IDictionary<string, string?>? settings = null, string? reuseConnectionString = null)
    {
        Engine = engine;
        Directory.CreateDirectory(_folder);
        if (reuseConnectionString is not null)
        {
            _connectionString = reuseConnectionString;
        }
        else if (engine == Engine.Sqlite)
        {
            _connectionString = $"Data Source={Path.Combine(_folder, "reciproca.db")}";
        }
        else
        {
            _postgresServer = TestEnvironment.PostgresConnectionString();
            _postgresDatabase = $"reciproca_test_{Guid.NewGuid():N}";
            _connectionString = new NpgsqlConnectionStringBuilder(_postgresServer) { Database = _postgresDatabase }.ConnectionString;
        }

        _settings = new Dictionary<string, string?>
        {
            ["Database:Provider"] = engine.ToString(),
            ["ConnectionStrings:Reciproca"] = _connectionString,
            ["Bootstrap:AdminApiToken"] = AdminToken,
            ["Demo:Enabled"] = "false",
            ["Import:UploadFolder"] = Path.Combine(_folder, "uploads"),
            // Outside Development (the tests run as "Testing") the public address is required, and the pickup
            // folder must be chosen on purpose (ADR 0014).
            ["Email:PublicBaseUrl"] = PublicBaseUrl,
            ["Email:Delivery"] = "Pickup",
            ["Email:AllowPickupOutsideDevelopment"] = "true",
            ["Email:PickupFolder"] = Path.Combine(_folder, "mail"),
            // Tests send queued e-mails themselves (DeliverMailAsync), so that what was sent is known when asserted.
            ["Email:SendInBackground"] = "false",
            // Likewise recurring jobs (the outbox purge): tests run a pass themselves (RecurringJobHost.RunDueAsync).
            ["Jobs:RunInBackground"] = "false",
            // The login rate limit is tested on its own; other tests sign in many times from one address.
            ["Security:LoginAttemptsPerMinute"] = "1000",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Error",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            _settings[key] = value;
        }
    }

    public Engine Engine { get; }

    public string ConnectionString => _connectionString;

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 28, 9, 0, 0, TimeSpan.Zero));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        // A null leaves the key to the application's own configuration (appsettings.json and the code's defaults).
        foreach (var (key, value) in _settings.Where(s => s.Value is not null))
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureServices(services =>
        {
            services.Replace(ServiceDescriptor.Singleton<TimeProvider>(Time));
            services.AddSingleton<IStartupFilter, TestClientAddress>();
        });
    }

    public HttpClient CreateApiClient(string? token = AdminToken)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return client;
    }

    public const string UserPassword = "Test-password-2026";

    public string MailFolder => Path.Combine(_folder, "mail");

    /// <summary>Sends every queued e-mail now (to the pickup folder unless configured otherwise); returns how many were tried.</summary>
    public async Task<int> DeliverMailAsync()
    {
        var total = 0;
        int tried;
        do
        {
            await using var scope = Services.CreateAsyncScope();
            tried = await scope.ServiceProvider.GetRequiredService<OutboxProcessor>().SendDueAsync(CancellationToken.None);
            total += tried;
        }
        while (tried > 0);
        return total;
    }

    /// <summary>The delivered messages in the pickup folder, oldest first, and removes them.</summary>
    public async Task<List<MimeMessage>> TakeMailAsync()
    {
        await DeliverMailAsync();
        if (!Directory.Exists(MailFolder))
        {
            return [];
        }

        var messages = new List<MimeMessage>();
        foreach (var file in Directory.GetFiles(MailFolder, "*.eml").Order(StringComparer.Ordinal))
        {
            messages.Add(await MimeMessage.LoadAsync(file));
            File.Delete(file);
        }

        return messages;
    }

    /// <summary>A user in <paramref name="role"/>, optionally linked to a person of the directory.</summary>
    public async Task<string> CreateUserAsync(string role, Guid? personId = null)
    {
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var name = $"{role.ToLowerInvariant()}-{Guid.NewGuid():N}@test.example";
        var user = new AppUser { UserName = name, Email = name, DisplayName = role, EmailConfirmed = true, PersonId = personId };
        Check(await users.CreateAsync(user, UserPassword));
        Check(await users.AddToRoleAsync(user, role));
        return name;
    }

    /// <summary>A user in <paramref name="role"/> with an API token; returns a client that uses it.</summary>
    public async Task<HttpClient> CreateClientInRoleAsync(string role, Guid? personId = null) =>
        await CreateClientForUserAsync(await CreateUserAsync(role, personId));

    /// <summary>A client with a new API token of an existing user: the API takes no sign-in cookie.</summary>
    public async Task<HttpClient> CreateClientForUserAsync(string userName)
    {
        var token = ApiToken.Generate();
        await using var scope = Services.CreateAsyncScope();
        var user = await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().FindByNameAsync(userName) ?? throw new InvalidOperationException(userName);
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        db.ApiTokens.Add(new ApiToken { UserId = user.Id, Name = "test", TokenHash = ApiToken.Hash(token), CreatedUtc = Time.GetUtcNow().UtcDateTime });
        await db.SaveChangesAsync();
        return CreateApiClient(token);
    }

    public async Task<T> WithDbAsync<T>(Func<AppDbContext, Task<T>> action)
    {
        await using var scope = Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }

    public Task ResetPeopleAsync() => WithDbAsync(async db =>
    {
        await db.People.ExecuteUpdateAsync(s => s.SetProperty(p => p.ManagerId, (Guid?)null));
        return await db.People.ExecuteDeleteAsync();
    });

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_postgresDatabase is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(_postgresServer) { Database = "postgres" }.ConnectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_postgresDatabase}\" WITH (FORCE)", connection);
            await command.ExecuteNonQueryAsync();
        }

        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by SQLite's pool is removed with the temp folder later; not worth failing a test.
        }
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
        }
    }
}

/// <summary>One application per test class and engine; the class resets what it changes.</summary>
public abstract class AppFixture(Engine engine) : IAsyncLifetime
{
    private ReciprocaFactory? _factory;

    public Engine Engine { get; } = engine;

    public ReciprocaFactory Factory => _factory ?? throw new InvalidOperationException("The fixture is not initialised (the engine is unavailable).");

    public ValueTask InitializeAsync()
    {
        if (Engine == Engine.Postgres && string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(TestEnvironment.PostgresVariable)))
        {
            // Each test reports the skip (or, in CI, the failure) itself when it asks for the factory.
            return ValueTask.CompletedTask;
        }

        _factory = new ReciprocaFactory(Engine);
        _ = _factory.Server;
        return ValueTask.CompletedTask;
    }

    /// <summary>The factory, or a skip / CI failure when this engine is not available here.</summary>
    public ReciprocaFactory Require()
    {
        if (_factory is null)
        {
            TestEnvironment.PostgresConnectionString();
        }

        return Factory;
    }

    public async ValueTask DisposeAsync()
    {
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }
    }
}

public sealed class SqliteAppFixture() : AppFixture(Engine.Sqlite);

public sealed class PostgresAppFixture() : AppFixture(Engine.Postgres);
