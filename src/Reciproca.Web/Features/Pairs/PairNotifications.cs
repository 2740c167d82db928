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
/// told only that the pair will not go ahead: the reason is for HR). Every other step of the pair and its pact is
/// told to the partner who did not take it; HR hears only of the two milestones it acts on (both accepted, pact
/// fully signed), never of drafts.
/// </summary>
public sealed class PairNotifications(AppDbContext db, INotifier notifier, EmailLinks links, IStringLocalizer<SharedResource> localizer)
{
    public const string ProposedKind = "PairProposed";
    public const string DeclinedKind = "PairDeclined";
    public const string AcceptedKind = "PairAccepted";
    public const string BothAcceptedKind = "PairBothAccepted";
    public const string PactWrittenKind = "PactWritten";
    public const string PactChangedKind = "PactChanged";
    public const string PactAwaitingSignatureKind = "PactAwaitingSignature";
    public const string PactSignedKind = "PactSigned";

    /// <summary>
    /// Saves of the pact by the same partner this close together are one drafting session: the other partner is told
    /// of the first only (an edit that clears signatures is always told).
    /// </summary>
    public static readonly TimeSpan DraftingSession = TimeSpan.FromHours(1);

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

    /// <summary>
    /// <paramref name="acceptedBy"/> accepted: the partner learns it (with whether it is now their turn); once both
    /// have, HR learns that the pair goes ahead.
    /// </summary>
    public async Task AcceptedAsync(Pair pair, Guid acceptedBy, CancellationToken cancellationToken)
    {
        var programme = await ProgrammeAsync(pair, cancellationToken);
        var partnerId = pair.DigitalMentorId == acceptedBy ? pair.ExperienceMentorId : pair.DigitalMentorId;
        var names = await NamesAsync([acceptedBy, partnerId], cancellationToken);
        var both = pair.State == PairState.Accepted;
        var link = PairLink(programme);
        var notices = new List<Notice>
        {
            new(AcceptedKind, partnerId, to => new EmailContent(
                localizer[both ? "Email.PairAccepted.BothSubject" : "Email.PairAccepted.Subject", names[acceptedBy], programme.Name],
                localizer.Greeting(to.Name),
                [localizer[both ? "Email.PairAccepted.BothBody" : "Email.PairAccepted.Body", names[acceptedBy], programme.Name]],
                localizer[both ? "Email.PairAccepted.BothAction" : "Email.PairAccepted.Action"],
                link,
                localizer["Email.Footer"])),
        };
        if (both)
        {
            var (digital, experience) = (names[pair.DigitalMentorId], names[pair.ExperienceMentorId]);
            notices.AddRange(await ManagerNoticesAsync(pair, BothAcceptedKind, to => new EmailContent(
                localizer["Email.PairBothAccepted.Subject", digital, experience, programme.Name],
                localizer.Greeting(to.Name),
                [localizer["Email.PairBothAccepted.Body", digital, experience, programme.Name]],
                localizer["Email.PairBothAccepted.Action"],
                ProgrammeLink(programme),
                localizer["Email.Footer"]), cancellationToken));
        }

        await notifier.NotifyAsync(notices, cancellationToken);
    }

    /// <summary>The pact was written for the first time (<paramref name="changed"/> false) or its text changed.</summary>
    public async Task PactWrittenAsync(Pair pair, Guid writtenBy, bool changed, bool signaturesCleared, CancellationToken cancellationToken)
    {
        var programme = await ProgrammeAsync(pair, cancellationToken);
        var partnerId = Partner(pair, writtenBy);
        var names = await NamesAsync([writtenBy], cancellationToken);
        var prefix = changed ? "Email.PactChanged" : "Email.PactWritten";
        await notifier.NotifyAsync(new Notice(changed ? PactChangedKind : PactWrittenKind, partnerId, to => new EmailContent(
            localizer[$"{prefix}.Subject", names[writtenBy], programme.Name],
            localizer.Greeting(to.Name),
            signaturesCleared
                ? [localizer[$"{prefix}.Body", names[writtenBy], programme.Name], localizer["Email.PactChanged.SignAgain"]]
                : [localizer[$"{prefix}.Body", names[writtenBy], programme.Name]],
            localizer["Email.Pact.Action"],
            PairLink(programme),
            localizer["Email.Footer"])), cancellationToken);
    }

    /// <summary>
    /// <paramref name="signedBy"/> signed: the partner is asked to sign too, or, when the pact is fully signed, both
    /// the partner and HR learn that the pair is agreed.
    /// </summary>
    public async Task PactSignedAsync(Pair pair, Guid signedBy, bool fullySigned, CancellationToken cancellationToken)
    {
        var programme = await ProgrammeAsync(pair, cancellationToken);
        var partnerId = Partner(pair, signedBy);
        var names = await NamesAsync([pair.DigitalMentorId, pair.ExperienceMentorId], cancellationToken);
        var prefix = fullySigned ? "Email.PactSigned" : "Email.PactAwaitingSignature";
        var notices = new List<Notice>
        {
            new(fullySigned ? PactSignedKind : PactAwaitingSignatureKind, partnerId, to => new EmailContent(
                localizer[$"{prefix}.Subject", names[signedBy], programme.Name],
                localizer.Greeting(to.Name),
                [localizer[$"{prefix}.Body", names[signedBy], programme.Name]],
                localizer[$"{prefix}.Action"],
                PairLink(programme),
                localizer["Email.Footer"])),
        };
        if (fullySigned)
        {
            var (digital, experience) = (names[pair.DigitalMentorId], names[pair.ExperienceMentorId]);
            notices.AddRange(await ManagerNoticesAsync(pair, PactSignedKind, to => new EmailContent(
                localizer["Email.PactSigned.HrSubject", digital, experience, programme.Name],
                localizer.Greeting(to.Name),
                [localizer["Email.PactSigned.HrBody", digital, experience, programme.Name]],
                localizer["Email.PairBothAccepted.Action"],
                ProgrammeLink(programme),
                localizer["Email.Footer"]), cancellationToken));
        }

        await notifier.NotifyAsync(notices, cancellationToken);
    }

    private static Guid Partner(Pair pair, Guid personId) => pair.DigitalMentorId == personId ? pair.ExperienceMentorId : pair.DigitalMentorId;

    private string PairLink(Programme programme) => links.Absolute($"/Programmes/Pair/{programme.Id}");

    private string ProgrammeLink(Programme programme) => links.Absolute($"/Programmes/Details/{programme.Id}");

    private Task<Programme> ProgrammeAsync(Pair pair, CancellationToken cancellationToken) =>
        db.Programmes.AsNoTracking().SingleAsync(p => p.Id == pair.ProgrammeId, cancellationToken);

    /// <summary>One notice per manager of the pair's programme (HR's accounts carry no languages: they read the sender's).</summary>
    private async Task<IEnumerable<Notice>> ManagerNoticesAsync(Pair pair, string kind, Func<Addressee, EmailContent> compose, CancellationToken cancellationToken)
    {
        var managers = await db.ProgrammeMembers.AsNoTracking()
            .Where(m => m.ProgrammeId == pair.ProgrammeId && m.Role == ProgrammeAccess.ManagerRole)
            .Select(m => m.UserId)
            .ToListAsync(cancellationToken);
        return managers.Select(manager => new Notice(kind, NoticeRecipient.Account(manager), compose));
    }

    // Names only, for the texts: how to reach each person is the notifier's business.
    private Task<Dictionary<Guid, string>> NamesAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken) =>
        db.People.AsNoTracking().Where(p => ids.Contains(p.Id)).Select(p => new { p.Id, p.DisplayName }).ToDictionaryAsync(p => p.Id, p => p.DisplayName, cancellationToken);
}
