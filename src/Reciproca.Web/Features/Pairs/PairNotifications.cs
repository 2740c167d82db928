using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Reciproca.Web.Features.Programmes;
using Reciproca.Web.Infrastructure.Data;
using Reciproca.Web.Infrastructure.Email;

namespace Reciproca.Web.Features.Pairs;

/// <summary>
/// The e-mails of the agreement step, queued in the caller's unit of work: each person of a published pair
/// learns that a partner is proposed; when a person declines, the programme's HR learns why (the partner is
/// told only that the pair will not go ahead: the reason is for HR).
/// </summary>
public sealed class PairNotifications(AppDbContext db, Outbox outbox, EmailLinks links, IStringLocalizer<SharedResource> localizer)
{
    public const string ProposedKind = "PairProposed";
    public const string DeclinedKind = "PairDeclined";

    public async Task ProposedAsync(Programme programme, IReadOnlyCollection<(Guid DigitalMentorId, Guid ExperienceMentorId)> pairs, CancellationToken cancellationToken)
    {
        var ids = pairs.SelectMany(p => new[] { p.DigitalMentorId, p.ExperienceMentorId }).Distinct().ToList();
        var people = await db.People.AsNoTracking().Where(p => ids.Contains(p.Id))
            .Select(p => new { p.Id, p.DisplayName, p.Email, p.Languages }).ToDictionaryAsync(p => p.Id, cancellationToken);
        var link = links.Absolute($"/Programmes/Pair/{programme.Id}");
        foreach (var (digital, experience) in pairs)
        {
            foreach (var (me, partner) in new[] { (digital, experience), (experience, digital) })
            {
                if (people.GetValueOrDefault(me) is not { Email: { Length: > 0 } email } person)
                {
                    continue;
                }

                outbox.Enqueue(ProposedKind, new Recipient(email.Trim(), person.DisplayName, person.Languages), () => new EmailContent(
                    localizer["Email.Proposed.Subject", programme.Name],
                    localizer.Greeting(person.DisplayName),
                    [localizer["Email.Proposed.Body", people[partner].DisplayName, programme.Name], localizer["Email.Proposed.Next"]],
                    localizer["Email.Proposed.Action"],
                    link,
                    localizer["Email.Footer"]));
            }
        }
    }

    public async Task DeclinedAsync(Pair pair, Guid declinedBy, string reason, CancellationToken cancellationToken)
    {
        var programme = await db.Programmes.AsNoTracking().SingleAsync(p => p.Id == pair.ProgrammeId, cancellationToken);
        var partnerId = pair.DigitalMentorId == declinedBy ? pair.ExperienceMentorId : pair.DigitalMentorId;
        var people = await db.People.AsNoTracking().Where(p => p.Id == declinedBy || p.Id == partnerId)
            .Select(p => new { p.Id, p.DisplayName, p.Email, p.Languages }).ToDictionaryAsync(p => p.Id, cancellationToken);
        var managers = await (
            from member in db.ProgrammeMembers.AsNoTracking()
            join user in db.Users.AsNoTracking() on member.UserId equals user.Id
            where member.ProgrammeId == pair.ProgrammeId && member.Role == ProgrammeAccess.ManagerRole && user.Email != null
            select new { user.Email, user.DisplayName })
            .ToListAsync(cancellationToken);

        var (decliner, partner) = (people[declinedBy].DisplayName, people[partnerId].DisplayName);
        var review = links.Absolute($"/Programmes/Matching/{programme.Id}");
        foreach (var manager in managers)
        {
            // HR's accounts carry no languages: HR reads it in the language of the person who declined.
            outbox.Enqueue(DeclinedKind, new Recipient(manager.Email!, manager.DisplayName, []), () => new EmailContent(
                localizer["Email.Declined.Subject", decliner, programme.Name],
                localizer.Greeting(manager.DisplayName),
                [localizer["Email.Declined.Body", decliner, partner, programme.Name], localizer["Email.Declined.Reason", reason], localizer["Email.Declined.Next"]],
                localizer["Email.Declined.Action"],
                review,
                localizer["Email.Footer"]));
        }

        if (people[partnerId] is { Email: { Length: > 0 } partnerEmail } other)
        {
            outbox.Enqueue(DeclinedKind, new Recipient(partnerEmail.Trim(), other.DisplayName, other.Languages), () => new EmailContent(
                localizer["Email.PartnerDeclined.Subject", programme.Name],
                localizer.Greeting(other.DisplayName),
                [localizer["Email.PartnerDeclined.Body", programme.Name]],
                null,
                null,
                localizer["Email.Footer"]));
        }
    }
}
