using Reciproca.Web.Infrastructure.Data;
using Reciproca.Web.Infrastructure.Email;

namespace Reciproca.Web.Infrastructure.Notifications;

/// <summary>
/// The notification centre: every notice becomes a <see cref="Notification"/> of its recipient, added to the caller's
/// unit of work (never saved here), whatever the e-mail preference. Title and body are the e-mail's subject and
/// paragraphs, already in the recipient's language.
/// </summary>
public sealed class InAppChannel(AppDbContext db, TimeProvider time, PublicAddress address) : INotificationChannel
{
    public bool Deliver(NoticeDelivery delivery)
    {
        var (notice, content) = (delivery.Notice, delivery.Content);
        db.Notifications.Add(new Notification
        {
            RecipientKind = delivery.To.Recipient.Kind,
            RecipientId = delivery.To.Recipient.Id,
            Kind = notice.Kind,
            Title = Clip(content.Subject, Notification.TitleLength),
            Body = Clip(string.Join("\n\n", content.Paragraphs), Notification.BodyLength),
            LinkUrl = LinkOf(notice, content),
            CreatedUtc = time.GetUtcNow().UtcDateTime,
            Digest = delivery.Email == EmailChoice.DailyDigest,
        });
        return true;
    }

    /// <summary>The notice's own link, else the e-mail's action; either only when it points into the application (made relative).</summary>
    private string? LinkOf(Notice notice, EmailContent content) => notice.Link is { } link ? AppPath(link) : content.ActionUrl is { } action ? AppPath(action) : null;

    private string? AppPath(string link)
    {
        if (Notification.IsAppPath(link))
        {
            return link;
        }

        var root = address.Root;
        return link.StartsWith(root + "/", StringComparison.OrdinalIgnoreCase) && Notification.IsAppPath(link[root.Length..]) ? link[root.Length..] : null;
    }

    private static string Clip(string text, int length) => text.Length <= length ? text : text[..(length - 1)] + "…";
}
