using Reciproca.Web.Infrastructure.Jobs;

namespace Reciproca.Web.Infrastructure.Email;

public static class EmailServiceCollectionExtensions
{
    public static IServiceCollection AddEmail(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(EmailOptions.SectionName);
        services.Configure<EmailOptions>(section);
        var options = section.Get<EmailOptions>() ?? new EmailOptions();
        if (options.Delivery == EmailDelivery.Smtp)
        {
            services.AddSingleton<IMailTransport, SmtpMailTransport>();
        }
        else
        {
            services.AddSingleton<IMailTransport, PickupFolderMailTransport>();
        }

        services.AddHttpContextAccessor();
        services.AddSingleton<OutboxSignal>();
        services.AddScoped<Outbox>();
        services.AddScoped<OutboxProcessor>();
        services.AddScoped<EmailLinks>();
        services.AddRecurringJob<OutboxPurgeJob>();
        if (options.SendInBackground)
        {
            services.AddHostedService<OutboxDispatcher>();
        }

        return services;
    }
}
