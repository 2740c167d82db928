using Microsoft.EntityFrameworkCore;
using Reciproca.Web.Infrastructure.Data;
using Reciproca.Web.Infrastructure.Email;
using Reciproca.Web.Infrastructure.Jobs;

namespace Reciproca.Web.Infrastructure.Startup;

public static class StartupTaskRegistration
{
    public static IServiceCollection AddStartupTasks(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<BootstrapOptions>(configuration.GetSection(BootstrapOptions.SectionName));
        services.Configure<DemoOptions>(configuration.GetSection(DemoOptions.SectionName));
        services.AddScoped<AccountBootstrapper>();
        services.AddScoped<DemoOrganisationSeeder>();
        services.AddScoped<DemoProgrammesSeeder>();
        services.AddSingleton<StartupReport>();
        // Registered before the web server, so the schema is ready before the first request is accepted.
        services.AddHostedService<StartupTasksRunner>();
        return services;
    }
}

/// <summary>Migrates the database, then makes sure the roles, the first administrator and the demo exist.</summary>
internal sealed class StartupTasksRunner(IServiceProvider services, IHostApplicationLifetime lifetime, StartupReport report) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            await db.Database.MigrateAsync(cancellationToken);
            // Before the dispatcher and the recurring jobs start: what this instance held when it stopped is due again now.
            var instance = scope.ServiceProvider.GetRequiredService<InstanceIdentity>().Name;
            await Leases.ReleaseClaimsOfAsync(db.OutboxMessages, instance, cancellationToken);
            await Leases.ReleaseClaimsOfAsync(db.RecurringJobs, instance, cancellationToken);
            var accounts = scope.ServiceProvider.GetRequiredService<AccountBootstrapper>();
            await accounts.EnsureRolesAsync();
            await ReferenceData.EnsureExperienceTopicsAsync(db, cancellationToken);
            await scope.ServiceProvider.GetRequiredService<DemoOrganisationSeeder>().RunAsync(cancellationToken);
            await scope.ServiceProvider.GetRequiredService<DemoProgrammesSeeder>().RunAsync(cancellationToken);
            if (scope.ServiceProvider.GetRequiredService<IMailTransport>() is PickupFolderMailTransport pickup)
            {
                report.Add($"E-mails: not sent, written as .eml files to {pickup.Folder} (set Email:Delivery=Smtp to send)");
            }
            // Last, so that the one-time password is the last line a newcomer reads.
            await accounts.EnsureAdministratorAsync(cancellationToken);
        }

        lifetime.ApplicationStarted.Register(report.Print);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
