using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Reciproca.Web.Infrastructure.Data;
using Reciproca.Web.Infrastructure.Email;

namespace Reciproca.Web.Infrastructure.Notifications;

/// <summary>
/// How to reach recipients named by id, one query per kind of recipient whatever their number: name, address,
/// languages, the culture every channel renders in, and whose preferences apply. Shared by the notifier and the digest.
/// </summary>
public sealed class AddresseeLookup(AppDbContext db)
{
    /// <summary>
    /// The recipients that still exist. <paramref name="fallback"/> is the culture of whoever sends: HR writing in Italian
    /// to a person of unknown language writes in Italian; an account carries no languages and reads the sender's.
    /// </summary>
    public async Task<Dictionary<NoticeRecipient, Addressee>> FindAsync(IReadOnlyCollection<NoticeRecipient> recipients, CultureInfo fallback, CancellationToken cancellationToken)
    {
        var found = new Dictionary<NoticeRecipient, Addressee>();
        var personIds = recipients.Where(r => r.Kind == NoticeRecipientKind.Person).Select(r => r.Id).Distinct().ToList();
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

        var userIds = recipients.Where(r => r.Kind == NoticeRecipientKind.Account).Select(r => r.Id).Distinct().ToList();
        if (userIds.Count > 0)
        {
            var users = await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id))
                .Select(u => new { u.Id, u.DisplayName, u.Email, u.PersonId }).ToListAsync(cancellationToken);
            foreach (var user in users)
            {
                var recipient = NoticeRecipient.Account(user.Id);
                found[recipient] = new Addressee(recipient, user.DisplayName, user.Email, [], EmailLinks.CultureFor([], fallback))
                {
                    PreferencesOwner = user.PersonId is { } personId ? NoticeRecipient.Person(personId) : recipient,
                };
            }
        }

        return found;
    }
}
