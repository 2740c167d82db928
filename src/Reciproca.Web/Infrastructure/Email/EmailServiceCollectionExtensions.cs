using Microsoft.Extensions.Options;
using Reciproca.Web.Infrastructure.Files;
using Reciproca.Web.Infrastructure.Jobs;

namespace Reciproca.Web.Infrastructure.Email;

public static class EmailServiceCollectionExtensions
{
    public static IServiceCollection AddEmail(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(EmailOptions.SectionName);
        // Checked at start: a missing public address or a production pickup folder stops the start, with the reason.
        services.AddOptions<EmailOptions>().Bind(section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<EmailOptions>, EmailOptionsValidation>();
        var options = section.Get<EmailOptions>() ?? new EmailOptions();
        if (options.Delivery == EmailDelivery.Smtp)
        {
            services.AddSingleton<IMailTransport, SmtpMailTransport>();
        }
        else
        {
            services.AddSingleton<PickupFolderMailTransport>();
            services.AddSingleton<IMailTransport>(provider => provider.GetRequiredService<PickupFolderMailTransport>());
            services.AddSingleton<IExpiringFiles>(provider => provider.GetRequiredService<PickupFolderMailTransport>());
        }

        services.AddSingleton<PublicAddress>();
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
