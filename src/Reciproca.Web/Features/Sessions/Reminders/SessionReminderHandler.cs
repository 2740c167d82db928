using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Reciproca.Web.Features.Pairs;
using Reciproca.Web.Infrastructure.Data;
using Reciproca.Web.Infrastructure.DueWork;
using Reciproca.Web.Infrastructure.Email;
using Reciproca.Web.Infrastructure.Notifications;

namespace Reciproca.Web.Features.Sessions.Reminders;

/// <summary>
/// The notices of a session's due items, decided when they come due: a reminder only for a session still scheduled
/// at the moment it was planned for, not begun, that the person has not declined (and the hour-before one only for
/// those who chose it); a nudge to log only while the person has not logged it and the pair is still running.
/// </summary>
public sealed class SessionReminderHandler(AppDbContext db, EmailLinks links, TimeProvider time, IStringLocalizer<SharedResource> localizer) : IDueWorkHandler
{
    public IReadOnlyCollection<string> Kinds => SessionReminders.Kinds;

    public async Task<IReadOnlyList<Notice>> NoticesAsync(DueItem item, CancellationToken cancellationToken)
    {
        var session = await db.Sessions.AsNoTracking().SingleOrDefaultAsync(s => s.Id == item.SubjectId, cancellationToken);
        var nudge = item.Kind is SessionReminders.LogNudgeKind or SessionReminders.SecondLogNudgeKind;
        if (session is null || session.Status != SessionStatus.Scheduled
            || item.Episode != SessionReminders.Episode(nudge ? session.EndUtc : session.StartUtc))
        {
            return [];
        }

        var pair = await db.Pairs.AsNoTracking().SingleAsync(p => p.Id == session.PairId, cancellationToken);
        var series = await db.SessionSeries.AsNoTracking().SingleAsync(s => s.Id == session.SeriesId, cancellationToken);
        var me = item.RecipientId;
        if (me != pair.DigitalMentorId && me != pair.ExperienceMentorId)
        {
            return [];
        }

        var people = await db.People.AsNoTracking()
            .Where(p => p.Id == pair.DigitalMentorId || p.Id == pair.ExperienceMentorId)
            .ToDictionaryAsync(p => p.Id, p => (p.DisplayName, p.TimeZone), cancellationToken);
        var partner = people[me == pair.DigitalMentorId ? pair.ExperienceMentorId : pair.DigitalMentorId].DisplayName;
        var zone = people[me].TimeZone;
        return nudge
            ? await NudgeAsync(item, session, pair, series, partner, zone, cancellationToken)
            : await ReminderAsync(item, session, pair, series, partner, zone, cancellationToken);
    }

    private async Task<IReadOnlyList<Notice>> ReminderAsync(DueItem item, Session session, Pair pair, SessionSeries series, string partner, string? zone, CancellationToken cancellationToken)
    {
        var answer = item.RecipientId == pair.DigitalMentorId ? session.DigitalMentorAnswer : session.ExperienceMentorAnswer;
        if (session.StartUtc <= time.GetUtcNow().UtcDateTime || answer == AttendanceAnswer.Declined
            || pair.State is not (PairState.Agreed or PairState.Active))
        {
            return [];
        }

        if (item.Kind == SessionReminders.HourReminderKind
            && !await db.ReminderChoices.AnyAsync(c => c.PersonId == item.RecipientId && c.HourBefore, cancellationToken))
        {
            return [];
        }

        var link = links.Absolute($"/Sessions/{pair.ProgrammeId}/{pair.Id}#session-{session.Id}");
        return [new Notice(SessionReminders.ReminderKind, item.RecipientId, to =>
        {
            var when = SessionInvites.When(session.StartUtc, zone, series);
            return new EmailContent(
                localizer["Email.SessionReminder.Subject", partner, when],
                localizer.Greeting(to.Name),
                [localizer["Email.SessionReminder.Body", partner, when], SessionInvites.Where(localizer, series)],
                localizer["Email.SessionReminder.Action"],
                link,
                localizer["Email.Footer"]);
        })
        { Link = link }];
    }

    private async Task<IReadOnlyList<Notice>> NudgeAsync(DueItem item, Session session, Pair pair, SessionSeries series, string partner, string? zone, CancellationToken cancellationToken)
    {
        if (pair.State is not (PairState.Agreed or PairState.Active)
            || await db.SessionLogs.AnyAsync(l => l.SessionId == session.Id && l.AuthorId == item.RecipientId, cancellationToken))
        {
            return [];
        }

        var link = links.Absolute($"/Sessions/Log/{session.Id}");
        return [new Notice(SessionReminders.LogNudgeKind, item.RecipientId, to =>
        {
            var when = SessionInvites.When(session.StartUtc, zone, series);
            return new EmailContent(
                localizer["Email.LogNudge.Subject", partner, when],
                localizer.Greeting(to.Name),
                [localizer["Email.LogNudge.Body", partner, when]],
                localizer["Email.LogNudge.Action"],
                link,
                localizer["Email.Footer"]);
        })
        { Link = link }];
    }
}
