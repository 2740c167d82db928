using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Reciproca.Web.Features.Programmes;
using Reciproca.Web.Infrastructure.Data;
using Reciproca.Web.Infrastructure.Email;
using Reciproca.Web.Infrastructure.Notifications;

namespace Reciproca.Web.Features.Pairs;

/// <summary>
/// The notices of the agreement step, queued in the caller's unit of work: each person of a published pair
/// learns that a partner is proposed; when a person declines, the programme's HR learns why (the partner is
/// told only that the pair will not go ahead: the reason is for HR).
/// </summary>
public sealed class PairNotifications(AppDbContext db, INotifier notifier, EmailLinks links, IStringLocalizer<SharedResource> localizer)
{
    public const string ProposedKind = "PairProposed";
    public const string DeclinedKind = "PairDeclined";

    public async Task ProposedAsync(Programme programme, IReadOnlyCollection<(Guid DigitalMentorId, Guid ExperienceMentorId)> pairs, CancellationToken cancellationToken)
    {
        var ids = pairs.SelectMany(p => new[] { p.DigitalMentorId, p.ExperienceMentorId }).Distinct().ToList();
        var names = await NamesAsync(ids, cancellationToken);
        var link = links.Absolute($"/Programmes/Pair/{programme.Id}");
        var notices = new List<Notice>();
        foreach (var (digital, experience) in pairs)
        {
            foreach (var (me, partner) in new[] { (digital, experience), (experience, digital) })
            {
                notices.Add(new Notice(ProposedKind, me, to => new EmailContent(
                    localizer["Email.Proposed.Subject", programme.Name],
                    localizer.Greeting(to.Name),
                    [localizer["Email.Proposed.Body", names[partner], programme.Name], localizer["Email.Proposed.Next"]],
                    localizer["Email.Proposed.Action"],
                    link,
                    localizer["Email.Footer"])));
            }
        }

        await notifier.NotifyAsync(notices, cancellationToken);
    }

    public async Task DeclinedAsync(Pair pair, Guid declinedBy, string reason, CancellationToken cancellationToken)
    {
        var programme = await db.Programmes.AsNoTracking().SingleAsync(p => p.Id == pair.ProgrammeId, cancellationToken);
        var partnerId = pair.DigitalMentorId == declinedBy ? pair.ExperienceMentorId : pair.DigitalMentorId;
        var names = await NamesAsync([declinedBy, partnerId], cancellationToken);
        var managers = await db.ProgrammeMembers.AsNoTracking()
            .Where(m => m.ProgrammeId == pair.ProgrammeId && m.Role == ProgrammeAccess.ManagerRole)
            .Select(m => m.UserId)
            .ToListAsync(cancellationToken);

        var (decliner, partner) = (names[declinedBy], names[partnerId]);
        var review = links.Absolute($"/Programmes/Matching/{programme.Id}");
        // HR's accounts carry no languages: HR reads it in the language of the person who declined.
        var notices = managers.Select(manager => new Notice(DeclinedKind, NoticeRecipient.Account(manager), to => new EmailContent(
            localizer["Email.Declined.Subject", decliner, programme.Name],
            localizer.Greeting(to.Name),
            [localizer["Email.Declined.Body", decliner, partner, programme.Name], localizer["Email.Declined.Reason", reason], localizer["Email.Declined.Next"]],
            localizer["Email.Declined.Action"],
            review,
            localizer["Email.Footer"]))).ToList();
        notices.Add(new Notice(DeclinedKind, partnerId, to => new EmailContent(
            localizer["Email.PartnerDeclined.Subject", programme.Name],
            localizer.Greeting(to.Name),
            [localizer["Email.PartnerDeclined.Body", programme.Name]],
            null,
            null,
            localizer["Email.Footer"])));

        await notifier.NotifyAsync(notices, cancellationToken);
    }

    // Names only, for the texts: how to reach each person is the notifier's business.
    private Task<Dictionary<Guid, string>> NamesAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken) =>
        db.People.AsNoTracking().Where(p => ids.Contains(p.Id)).Select(p => new { p.Id, p.DisplayName }).ToDictionaryAsync(p => p.Id, p => p.DisplayName, cancellationToken);
}
