using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Reciproca.Web.Infrastructure.Auth;

namespace Reciproca.BrowserTests.Support;

/// <summary>
/// The real application on Kestrel on a free loopback port, with its own temporary SQLite database and upload
/// folder, migrated and seeded (roles, administrator) by its own start-up. One per test class: every class gets
/// its own database and its own login rate limiter.
/// </summary>
public class AppHost : IAsyncLifetime
{
    public const string Password = "Browser-test-2026";
    public const string HrUser = "hr@test.example";
    public const string ParticipantUser = "participant@test.example";
    public const string AdminUser = "admin@test.example";

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "reciproca-browser-tests", Guid.NewGuid().ToString("N"));
    private Factory? _factory;

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>Where the application writes each e-mail as an <c>.eml</c> file (<c>Email:Delivery=Pickup</c>).</summary>
    public string MailFolder => Path.Combine(AppFolder, "mail");

    private string AppFolder => Path.Combine(_folder, "1");

    public IServiceProvider Services => _factory?.Services ?? throw new InvalidOperationException("The application has not started.");

    /// <summary>Whether the application seeds its demo organisation at start (as <c>dotnet run</c> does in Development).</summary>
    protected virtual bool SeedDemo => false;

    /// <summary>The application's clock: the machine's, unless a host moves time on (see <see cref="MovableClock"/>).</summary>
    protected virtual TimeProvider? Clock => null;

    public async ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(_folder);
        // The port is chosen before the start: the links in e-mails are built from Email:PublicBaseUrl, which is
        // also the only host the application answers (AllowedHosts).
        BaseAddress = new Uri($"http://127.0.0.1:{FreeLoopbackPort()}");
        _factory = Start(AppFolder, BaseAddress, SeedDemo, Clock);

        await CreateUserAsync(HrUser, "HR Test", Roles.ProgrammeManager);
        await CreateUserAsync(ParticipantUser, "Participant Test", Roles.Participant);
        await CreateUserAsync(AdminUser, "Admin Test", Roles.Administrator);
    }

    public async ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open is left to the temp folder's own cleanup.
        }
    }

    private static Factory Start(string folder, Uri address, bool seedDemo, TimeProvider? clock)
    {
        Directory.CreateDirectory(folder);
        var factory = new Factory(folder, address, seedDemo, clock);
        factory.UseKestrel(address.Port);
        try
        {
            factory.StartServer();
            return factory;
        }
        catch
        {
            factory.Dispose();
            throw;
        }
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    private async Task CreateUserAsync(string userName, string displayName, string role)
    {
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = new AppUser { UserName = userName, Email = userName, DisplayName = displayName, EmailConfirmed = true };
        Check(await users.CreateAsync(user, Password), $"create {userName}");
        Check(await users.AddToRoleAsync(user, role), $"add {userName} to {role}");
    }

    private static void Check(IdentityResult result, string what)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Could not {what}: {string.Join("; ", result.Errors.Select(e => e.Description))}");
        }
    }

    private sealed class Factory(string folder, Uri publicBaseUrl, bool seedDemo, TimeProvider? clock) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Testing");
            builder.UseSetting("Database:Provider", "Sqlite");
            builder.UseSetting("ConnectionStrings:Reciproca", $"Data Source={Path.Combine(folder, "reciproca.db")}");
            builder.UseSetting("Demo:Enabled", seedDemo ? "true" : "false");
            builder.UseSetting("Import:UploadFolder", Path.Combine(folder, "uploads"));
            // Never the default data/mail under the content root, which is the source tree.
            builder.UseSetting("Email:Delivery", "Pickup");
            builder.UseSetting("Email:AllowPickupOutsideDevelopment", "true");
            builder.UseSetting("Email:PublicBaseUrl", publicBaseUrl.ToString());
            builder.UseSetting("Email:PickupFolder", Path.Combine(folder, "mail"));
            builder.UseSetting("Logging:LogLevel:Default", "Warning");
            builder.UseSetting("Logging:LogLevel:Microsoft.AspNetCore", "Warning");
            if (clock is not null)
            {
                builder.ConfigureTestServices(services => services.Replace(ServiceDescriptor.Singleton(clock)));
            }
        }
    }
}
