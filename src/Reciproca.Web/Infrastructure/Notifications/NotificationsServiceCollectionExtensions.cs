using Reciproca.Web.Infrastructure.Jobs;

namespace Reciproca.Web.Infrastructure.Notifications;

public static class NotificationsServiceCollectionExtensions
{
    /// <summary>
    /// The notifier and its channels (the notification centre, and e-mail through the outbox, which <c>AddEmail</c>
    /// registers), the daily digest, and the kinds of the sessions' calendar e-mails, which always go by e-mail.
    /// </summary>
    public static IServiceCollection AddNotifications(this IServiceCollection services)
    {
        services.AddScoped<INotificationChannel, InAppChannel>();
        services.AddScoped<INotificationChannel, EmailChannel>();
        services.AddScoped<AddresseeLookup>();
        services.AddScoped<NotificationSettingsLink>();
        services.AddScoped<INotifier, Notifier>();
        services.AddScoped<NotificationDigest>();
        services.AddSingleton<NoticeKindCatalogue>();
        services.AddRecurringJob<NotificationDigestJob>();
        services.AddNoticeKind(NoticeKinds.SessionInvite, alwaysEmail: true);
        services.AddNoticeKind(NoticeKinds.SessionCancel, alwaysEmail: true);
        return services;
    }

    /// <summary>
    /// A kind people can see on the settings page (label: resource <c>NoticeKind.{key}</c>); an always-email kind is
    /// shown as fixed and goes by e-mail whatever the preferences.
    /// </summary>
    public static IServiceCollection AddNoticeKind(this IServiceCollection services, string key, bool alwaysEmail = false)
    {
        services.AddSingleton(new NoticeKind(key, alwaysEmail));
        return services;
    }
}
