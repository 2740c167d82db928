using Reciproca.Web.Infrastructure.Email;

namespace Reciproca.Web.Infrastructure.Notifications;

/// <summary>
/// E-mail through the outbox (ADR 0008): queued in the caller's unit of work, sent once it is saved. Only what the
/// person wants now (<see cref="EmailChoice.Immediately"/>, or an always-email kind); the digest sends the rest. Every
/// message carries the link to the notification settings.
/// </summary>
public sealed class EmailChannel(Outbox outbox, NotificationSettingsLink settings) : INotificationChannel
{
    public bool Deliver(NoticeDelivery delivery)
    {
        var (notice, to) = (delivery.Notice, delivery.To);
        if (delivery.Email != EmailChoice.Immediately || string.IsNullOrWhiteSpace(to.Email))
        {
            return false;
        }

        var content = EmailLinks.In(to.Culture, () => settings.AddTo(delivery.Content));
        var parts = notice.EmailParts is { } render ? EmailLinks.In(to.Culture, () => render(to).ToList()) : null;
        outbox.Enqueue(notice.Kind, to.Email.Trim(), to.Name, content, parts);
        return true;
    }
}
