using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Reciproca.Web.Infrastructure.Data;
using Reciproca.Web.Infrastructure.Email;

namespace Reciproca.Web.Infrastructure.Notifications;

/// <summary>
/// Looks the recipients and their preferences up (a fixed number of queries, whatever the number of notices), composes
/// each notice once in its recipient's culture and hands it to every channel with the e-mail choice that applies: the
/// recipient's preference for the kind (immediately by default), or immediately for an always-email kind.
/// </summary>
public sealed class Notifier(AppDbContext db, AddresseeLookup lookup, NoticeKindCatalogue kinds, IEnumerable<INotificationChannel> channels) : INotifier
{
    private readonly IReadOnlyList<INotificationChannel> _channels = [.. channels];

    public async Task<int> NotifyAsync(IReadOnlyList<Notice> notices, CancellationToken cancellationToken)
    {
        // The sender's language is the fallback: HR writing in Italian to a person of unknown language writes in Italian.
        var addressees = await lookup.FindAsync(notices.Select(n => n.To).ToHashSet(), CultureInfo.CurrentUICulture, cancellationToken);
        var choices = await ChoicesAsync(addressees.Values.Select(a => a.PreferencesOwner).ToHashSet(), cancellationToken);
        var delivered = 0;
        foreach (var notice in notices)
        {
            // Somebody deleted since the feature read them: nobody to tell.
            if (!addressees.TryGetValue(notice.To, out var to))
            {
                continue;
            }

            var email = kinds.IsAlwaysEmail(notice.Kind) ? EmailChoice.Immediately : choices.GetValueOrDefault((to.PreferencesOwner, notice.Kind), EmailChoice.Immediately);
            var content = EmailLinks.In(to.Culture, () => notice.Compose(to));
            var delivery = new NoticeDelivery(notice, to, content, email);
            foreach (var channel in _channels)
            {
                delivered += channel.Deliver(delivery) ? 1 : 0;
            }
        }

        return delivered;
    }

    private async Task<Dictionary<(NoticeRecipient Owner, string Kind), EmailChoice>> ChoicesAsync(IReadOnlySet<NoticeRecipient> owners, CancellationToken cancellationToken)
    {
        if (owners.Count == 0)
        {
            return new();
        }

        var ids = owners.Select(o => o.Id).Distinct().ToList();
        var rows = await db.NotificationPreferences.AsNoTracking().Where(p => ids.Contains(p.OwnerId)).ToListAsync(cancellationToken);
        return rows.Select(r => (Owner: new NoticeRecipient(r.OwnerKind, r.OwnerId), r.Kind, r.Email))
            .Where(r => owners.Contains(r.Owner))
            .ToDictionary(r => (r.Owner, r.Kind), r => r.Email);
    }
}
