using Reciproca.Web.Infrastructure.Email;

namespace Reciproca.Web.Infrastructure.Notifications;

/// <summary>E-mail through the outbox (ADR 0008): queued in the caller's unit of work, sent once it is saved.</summary>
public sealed class EmailChannel(Outbox outbox) : INotificationChannel
{
    public bool Deliver(Notice notice, Addressee to)
    {
        if (string.IsNullOrWhiteSpace(to.Email))
        {
            return false;
        }

        var content = EmailLinks.In(to.Culture, () => notice.Compose(to));
        var parts = notice.EmailParts is { } render ? EmailLinks.In(to.Culture, () => render(to).ToList()) : null;
        outbox.Enqueue(notice.Kind, to.Email.Trim(), to.Name, content, parts);
        return true;
    }
}
