using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Reciproca.Web.Features.Pairs;
using Reciproca.Web.Infrastructure.Data;
using Reciproca.Web.Infrastructure.DueWork;

namespace Reciproca.Web.Features.Sessions.Reminders;

/// <summary>
/// Plans the due items of sessions (ADR 0020) in the caller's unit of work, so that they are saved with the change that
/// causes them: each partner's reminder before a scheduled session (the programme's hours, and one hour before for
/// those who chose it), and the nudges to log it after its end. Called with every session a change touched: a moved
/// session's waiting items are replaced by items at its new times, a cancelled one's are deleted. An item already
/// handled for the same moment is not planned again (a session moved away and back gets no second reminder).
/// </summary>
public sealed class SessionReminders(AppDbContext db, TimeProvider time)
{
    public const string ReminderKind = "session.reminder";
    public const string HourReminderKind = "session.reminder.hour";
    public const string LogNudgeKind = "session.log-nudge";
    public const string SecondLogNudgeKind = "session.log-nudge.again";

    public static IReadOnlyList<string> Kinds { get; } = [ReminderKind, HourReminderKind, LogNudgeKind, SecondLogNudgeKind];

    public async Task PlanAsync(Pair pair, IReadOnlyCollection<Session> sessions, CancellationToken cancellationToken)
    {
        if (sessions.Count == 0)
        {
            return;
        }

        var rules = await db.Programmes.AsNoTracking().Where(p => p.Id == pair.ProgrammeId).Select(p => p.SessionRules).SingleAsync(cancellationToken);
        var ids = sessions.Select(s => s.Id).ToList();
        var kinds = Kinds.ToList();
        var existing = await db.DueItems.Where(d => ids.Contains(d.SubjectId) && kinds.Contains(d.Kind)).ToListAsync(cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        var wanted = sessions.Where(s => s.Status == SessionStatus.Scheduled)
            .SelectMany(s => Planned(s, pair, rules))
            .Where(w => w.DueUtc > now)
            .ToList();
        var keep = new HashSet<DueItem>();
        foreach (var item in wanted)
        {
            var same = existing.FirstOrDefault(e => e.Kind == item.Kind && e.SubjectId == item.SubjectId && e.RecipientId == item.RecipientId && e.Episode == item.Episode);
            if (same is not null)
            {
                // Waiting already at this moment, or handled for it: nothing to change.
                keep.Add(same);
                continue;
            }

            item.CreatedUtc = now;
            db.DueItems.Add(item);
        }

        // What waits for a moment that is no longer the session's goes; what was handled stays, as the record of it.
        db.DueItems.RemoveRange(existing.Where(e => e.DoneUtc is null && !keep.Contains(e)));
    }

    private static IEnumerable<DueItem> Planned(Session session, Pair pair, Programmes.SessionRules rules)
    {
        foreach (var personId in new[] { pair.DigitalMentorId, pair.ExperienceMentorId })
        {
            yield return Item(ReminderKind, session, personId, session.StartUtc.AddHours(-rules.ReminderHours), session.StartUtc);
            yield return Item(HourReminderKind, session, personId, session.StartUtc.AddHours(-1), session.StartUtc);
            yield return Item(LogNudgeKind, session, personId, session.EndUtc.AddHours(rules.LogNudgeHours), session.EndUtc);
            yield return Item(SecondLogNudgeKind, session, personId, session.EndUtc.AddHours(rules.LogNudgeHours).AddDays(rules.LogSecondNudgeDays), session.EndUtc);
        }
    }

    /// <summary>The episode is the session moment the item was planned for: a moved session's items are new items.</summary>
    public static string Episode(DateTime utc) => utc.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);

    private static DueItem Item(string kind, Session session, Guid personId, DateTime dueUtc, DateTime moment) =>
        new() { Kind = kind, SubjectId = session.Id, RecipientId = personId, DueUtc = dueUtc, Episode = Episode(moment) };
}
