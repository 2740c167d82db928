using Reciproca.Web.Infrastructure.Jobs;

namespace Reciproca.Web.Infrastructure.DueWork;

public static class DueWorkServiceCollectionExtensions
{
    /// <summary>The processor of due items and, where this instance runs background work, its dispatcher.</summary>
    public static IServiceCollection AddDueWork(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<DueWorkProcessor>();
        if ((configuration.GetSection(JobsOptions.SectionName).Get<JobsOptions>() ?? new JobsOptions()).RunInBackground)
        {
            services.AddHostedService<DueWorkDispatcher>();
        }

        return services;
    }

    /// <summary>A handler of some due item kinds, run in a scope of its own per item.</summary>
    public static IServiceCollection AddDueWorkHandler<THandler>(this IServiceCollection services)
        where THandler : class, IDueWorkHandler
    {
        services.AddScoped<IDueWorkHandler, THandler>();
        return services;
    }
}
