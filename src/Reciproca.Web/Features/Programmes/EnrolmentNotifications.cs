using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Reciproca.Web.Infrastructure.Data;
using Reciproca.Web.Infrastructure.Email;
using Reciproca.Web.Infrastructure.Notifications;

namespace Reciproca.Web.Features.Programmes;

/// <summary>
/// Tells people that HR enrolled them (or approved their application), with the link to their assessment, queued in
/// the caller's unit of work. A person without an account is told how to set one up from the sign-in page the link
/// leads to. Accepting an invitation tells nobody: the person is on the page that says so.
/// </summary>
public sealed class EnrolmentNotifications(AppDbContext db, INotifier notifier, EmailLinks links, IStringLocalizer<SharedResource> localizer)
{
    public const string Kind = "Enrolled";

    public async Task EnrolledAsync(Guid programmeId, IReadOnlyCollection<Guid> personIds, CancellationToken cancellationToken)
    {
        var programme = await db.Programmes.AsNoTracking().SingleAsync(p => p.Id == programmeId, cancellationToken);
        var withAccount = (await db.Users.AsNoTracking().Where(u => u.PersonId != null && personIds.Contains(u.PersonId.Value))
            .Select(u => u.PersonId!.Value).ToListAsync(cancellationToken)).ToHashSet();
        var link = links.Absolute($"/Assessments/Edit/{programme.Id}");
        var notices = personIds.Select(personId => new Notice(Kind, personId, to => new EmailContent(
            localizer["Email.Enrolled.Subject", programme.Name],
            localizer.Greeting(to.Name),
            withAccount.Contains(personId)
                ? [localizer["Email.Enrolled.Body", programme.Name], localizer["Email.Enrolled.Next"]]
                : [localizer["Email.Enrolled.Body", programme.Name], localizer["Email.Enrolled.Next"], localizer["Email.Enrolled.FirstAccess"]],
            localizer["Email.Enrolled.Action"],
            link,
            localizer["Email.Footer"]))).ToList();
        await notifier.NotifyAsync(notices, cancellationToken);
    }
}
