namespace Reciproca.Web.Infrastructure.Jobs;

public static class JobsServiceCollectionExtensions
{
    /// <summary>The recurring-job host; jobs themselves are added by their owners with <see cref="AddRecurringJob{TJob}"/>.</summary>
    public static IServiceCollection AddJobs(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(JobsOptions.SectionName);
        services.Configure<JobsOptions>(section);
        services.AddSingleton<RecurringJobHost>();
        services.AddSingleton<InstanceIdentity>();
        if ((section.Get<JobsOptions>() ?? new JobsOptions()).RunInBackground)
        {
            services.AddHostedService(provider => provider.GetRequiredService<RecurringJobHost>());
            // And this instance's own expired files (pickup e-mails, import uploads): its disk is nobody else's.
            services.AddHostedService<Files.ExpiringFilesPurge>();
        }

        return services;
    }

    /// <summary>Registers a job the host runs once per its period across instances, in a scope of its own.</summary>
    public static IServiceCollection AddRecurringJob<TJob>(this IServiceCollection services)
        where TJob : class, IRecurringJob
    {
        services.AddScoped<IRecurringJob, TJob>();
        return services;
    }
}
