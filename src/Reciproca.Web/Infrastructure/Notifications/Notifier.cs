using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Reciproca.Web.Infrastructure.Data;
using Reciproca.Web.Infrastructure.Email;

namespace Reciproca.Web.Infrastructure.Notifications;

/// <summary>
/// Looks the recipients up (one query per kind of recipient, whatever the number of notices) and hands each notice to
/// every channel. The recipient's culture is chosen once, here, so that every channel speaks the same language.
/// </summary>
public sealed class Notifier(AppDbContext db, IEnumerable<INotificationChannel> channels) : INotifier
{
    private readonly IReadOnlyList<INotificationChannel> _channels = [.. channels];

    public async Task<int> NotifyAsync(IReadOnlyList<Notice> notices, CancellationToken cancellationToken)
    {
        var addressees = await LookUpAsync(notices.Select(n => n.To).ToHashSet(), cancellationToken);
        var delivered = 0;
        foreach (var notice in notices)
        {
            // Somebody deleted since the feature read them: nobody to tell.
            if (!addressees.TryGetValue(notice.To, out var to))
            {
                continue;
            }

            foreach (var channel in _channels)
            {
                delivered += channel.Deliver(notice, to) ? 1 : 0;
            }
        }

        return delivered;
    }

    private async Task<Dictionary<NoticeRecipient, Addressee>> LookUpAsync(IReadOnlyCollection<NoticeRecipient> recipients, CancellationToken cancellationToken)
    {
        // The sender's language is the fallback: HR writing in Italian to a person of unknown language writes in Italian.
        var fallback = CultureInfo.CurrentUICulture;
        var found = new Dictionary<NoticeRecipient, Addressee>();
        var personIds = recipients.Where(r => r.Kind == NoticeRecipientKind.Person).Select(r => r.Id).ToList();
        if (personIds.Count > 0)
        {
            var people = await db.People.AsNoTracking().Where(p => personIds.Contains(p.Id))
                .Select(p => new { p.Id, p.DisplayName, p.Email, p.Languages }).ToListAsync(cancellationToken);
            foreach (var person in people)
            {
                var recipient = NoticeRecipient.Person(person.Id);
                found[recipient] = new Addressee(recipient, person.DisplayName, person.Email, person.Languages, EmailLinks.CultureFor(person.Languages, fallback));
            }
        }

        var userIds = recipients.Where(r => r.Kind == NoticeRecipientKind.Account).Select(r => r.Id).ToList();
        if (userIds.Count > 0)
        {
            var users = await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id))
                .Select(u => new { u.Id, u.DisplayName, u.Email }).ToListAsync(cancellationToken);
            foreach (var user in users)
            {
                // Accounts carry no languages: they read in the sender's.
                var recipient = NoticeRecipient.Account(user.Id);
                found[recipient] = new Addressee(recipient, user.DisplayName, user.Email, [], EmailLinks.CultureFor([], fallback));
            }
        }

        return found;
    }
}
