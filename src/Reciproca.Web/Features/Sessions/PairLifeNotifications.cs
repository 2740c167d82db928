using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Reciproca.Web.Features.Pairs;
using Reciproca.Web.Features.Programmes;
using Reciproca.Web.Infrastructure.Data;
using Reciproca.Web.Infrastructure.Email;
using Reciproca.Web.Infrastructure.Notifications;

namespace Reciproca.Web.Features.Sessions;

/// <summary>
/// The notices of a pair's life after its pact, queued in the caller's unit of work: the partner learns that a session
/// was logged (so they can log theirs too) and that the pair was completed or ended; HR learns when a partner ends a
/// pair early (it may need a call). Never the log's text.
/// </summary>
public sealed class PairLifeNotifications(AppDbContext db, INotifier notifier, EmailLinks links, IStringLocalizer<SharedResource> localizer)
{
    public const string LoggedKind = "session.logged";
    public const string ClosedKind = "pair.closed";

    public async Task LoggedAsync(Pair pair, Guid sessionId, Guid authorId, CancellationToken cancellationToken)
    {
        var partnerId = pair.DigitalMentorId == authorId ? pair.ExperienceMentorId : pair.DigitalMentorId;
        var author = await NameAsync(authorId, cancellationToken);
        // The pair's sessions page, where the partner reads the log and writes their own.
        var link = links.Absolute($"/Sessions/{pair.ProgrammeId}/{pair.Id}#session-{sessionId}");
        await notifier.NotifyAsync(new Notice(LoggedKind, partnerId, to => new EmailContent(
            localizer["Email.SessionLogged.Subject", author],
            localizer.Greeting(to.Name),
            [localizer["Email.SessionLogged.Body", author]],
            localizer["Email.SessionLogged.Action"],
            link,
            localizer["Email.Footer"]))
        { Link = link }, cancellationToken);
    }

    /// <summary>The pair was completed or ended (<paramref name="ended"/>) by a partner (<paramref name="byPersonId"/>) or by HR (null).</summary>
    public async Task ClosedAsync(Pair pair, Guid? byPersonId, bool ended, string? reason, CancellationToken cancellationToken)
    {
        var programme = await db.Programmes.AsNoTracking().SingleAsync(p => p.Id == pair.ProgrammeId, cancellationToken);
        var link = links.Absolute($"/Programmes/Pair/{programme.Id}?pair={pair.Id}");
        var subject = ended ? "Email.PairEnded.Subject" : "Email.PairCompleted.Subject";
        var body = ended ? "Email.PairEnded.Body" : "Email.PairCompleted.Body";
        var notices = new List<Notice>();
        foreach (var personId in new[] { pair.DigitalMentorId, pair.ExperienceMentorId }.Where(p => p != byPersonId))
        {
            notices.Add(new Notice(ClosedKind, personId, to => new EmailContent(
                localizer[subject, programme.Name],
                localizer.Greeting(to.Name),
                reason is null ? [localizer[body, programme.Name]] : [localizer[body, programme.Name], localizer["Email.PairClosed.Reason", reason]],
                localizer["Email.PairClosed.Action"],
                link,
                localizer["Email.Footer"]))
            { Link = link });
        }

        if (ended && byPersonId is not null)
        {
            // A partner ends it early: HR hears why, to follow it up.
            var managers = await db.ProgrammeMembers.AsNoTracking()
                .Where(m => m.ProgrammeId == pair.ProgrammeId && m.Role == ProgrammeAccess.ManagerRole)
                .Select(m => m.UserId)
                .ToListAsync(cancellationToken);
            var name = await NameAsync(byPersonId.Value, cancellationToken);
            var review = links.Absolute($"/Programmes/Matching/{programme.Id}");
            notices.AddRange(managers.Select(manager => new Notice(ClosedKind, NoticeRecipient.Account(manager), to => new EmailContent(
                localizer["Email.PairEndedHr.Subject", name, programme.Name],
                localizer.Greeting(to.Name),
                [localizer["Email.PairEndedHr.Body", name, programme.Name], localizer["Email.PairClosed.Reason", reason ?? ""]],
                localizer["Email.PairClosed.Action"],
                review,
                localizer["Email.Footer"]))));
        }

        await notifier.NotifyAsync(notices, cancellationToken);
    }

    private Task<string> NameAsync(Guid personId, CancellationToken cancellationToken) =>
        db.People.AsNoTracking().Where(p => p.Id == personId).Select(p => p.DisplayName).SingleAsync(cancellationToken);
}
