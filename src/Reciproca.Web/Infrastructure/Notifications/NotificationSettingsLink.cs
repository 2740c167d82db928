using Microsoft.Extensions.Localization;
using Reciproca.Web.Infrastructure.Email;

namespace Reciproca.Web.Infrastructure.Notifications;

/// <summary>
/// The one-click link to the notification settings that every e-mail of the notifier carries, absolute under the
/// configured public address (<see cref="EmailLinks"/>), never a request's host. Called in the recipient's culture.
/// </summary>
public sealed class NotificationSettingsLink(EmailLinks links, IStringLocalizer<SharedResource> localizer)
{
    /// <summary>The settings page (Features/Notifications/Settings).</summary>
    public const string SettingsPath = "/Notifications/Settings";

    /// <summary>The centre's page (Features/Notifications/Index).</summary>
    public const string CentrePath = "/Notifications";

    public string Url => links.Absolute(SettingsPath);

    public EmailContent AddTo(EmailContent content) => content with { SettingsText = localizer["Email.NotificationSettings"], SettingsUrl = Url };
}
