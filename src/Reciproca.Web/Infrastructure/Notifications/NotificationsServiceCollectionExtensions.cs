namespace Reciproca.Web.Infrastructure.Notifications;

public static class NotificationsServiceCollectionExtensions
{
    /// <summary>The notifier and its channels (e-mail through the outbox, which <c>AddEmail</c> registers).</summary>
    public static IServiceCollection AddNotifications(this IServiceCollection services)
    {
        services.AddScoped<INotificationChannel, EmailChannel>();
        services.AddScoped<INotifier, Notifier>();
        return services;
    }
}
