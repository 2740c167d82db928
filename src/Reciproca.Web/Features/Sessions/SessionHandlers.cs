using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Reciproca.Web.Features.Pairs;
using Reciproca.Web.Features.Programmes;
using Reciproca.Web.Features.Sessions.Reminders;
using Reciproca.Web.Infrastructure.Auth;
using Reciproca.Web.Infrastructure.Data;
using Reciproca.Web.Infrastructure.Web;
using Reciproca.Web.Infrastructure.Web.Api;
using Reciproca.Web.Infrastructure.Web.Localization;

namespace Reciproca.Web.Features.Sessions;

public enum SessionScope
{
    /// <summary>This occurrence only.</summary>
    Occurrence,

    /// <summary>This occurrence and every later one of its series.</summary>
    Following,
}

/// <summary>Every <see cref="IntervalWeeks"/> weeks, <see cref="Count"/> times or until a date (in the session's zone), not both.</summary>
public sealed record SessionRecurrence(int IntervalWeeks, int? Count, DateOnly? Until);

/// <summary>
/// <see cref="StartsAt"/> is a wall-clock time (no offset, no Z) in <see cref="TimeZone"/>, by default the caller's own
/// zone, else Europe/Rome. A remote session takes a meeting URL or <see cref="CreateMeetingLink"/>.
/// </summary>
public sealed record ScheduleSession(
    DateTime StartsAt,
    int DurationMinutes,
    SessionMode Mode,
    string? TimeZone = null,
    string? MeetingUrl = null,
    bool CreateMeetingLink = false,
    string? Location = null,
    SessionRecurrence? Recurrence = null,
    IReadOnlyList<Guid>? AgendaGoalIds = null,
    string? Title = null,
    string? Message = null);

/// <summary>A new wall-clock start (in <see cref="TimeZone"/>, by default the series' zone) and duration for one occurrence or the following ones.</summary>
public sealed record RescheduleSession(DateTime StartsAt, SessionScope Scope, int? DurationMinutes = null, string? TimeZone = null, string? Message = null);

/// <summary>The created series: the first occurrence's id (the Location), the series, and every occurrence in order.</summary>
public sealed record ScheduledSessions(Guid Id, Guid SeriesId, IReadOnlyList<Guid> OccurrenceIds);

/// <summary>
/// One occurrence. <see cref="LocalStart"/> is its wall-clock start in <see cref="TimeZone"/> (ISO 8601 without offset).
/// HR sees the metadata only: the link, the place and the agenda are the pair's.
/// </summary>
public sealed record SessionView(
    Guid Id,
    Guid SeriesId,
    Guid PairId,
    string Title,
    DateTime StartsUtc,
    DateTime EndsUtc,
    DateTime OriginalStartUtc,
    string TimeZone,
    string LocalStart,
    int DurationMinutes,
    SessionMode Mode,
    string? MeetingUrl,
    string? Location,
    SessionStatus Status,
    bool Repeats,
    int Sequence,
    Guid OrganiserId,
    IReadOnlyList<Guid> AgendaGoalIds,
    AttendanceAnswer? DigitalMentorAnswer,
    AttendanceAnswer? ExperienceMentorAnswer,
    Guid Version) : IVersioned;

/// <summary>
/// Scheduling, moving and cancelling a pair's sessions (ADR 0019). Only the two partners touch them; the programme's
/// HR reads their metadata; anyone else, sponsors included, finds nothing. Every refusal writes nothing; every change
/// raises the series' SEQUENCE and sends both partners the new invite.
/// </summary>
public sealed class SessionHandlers(AppDbContext db, ProgrammeAccess access, SessionInvites invites, SessionReminders reminders, MeetingLinks meetings, TimeProvider time, NaturalDates dates, IStringLocalizer<SharedResource> localizer)
{
    public const int MaxDurationMinutes = 8 * 60;
    public const int MaxMessage = 1000;

    public async Task<Result<ScheduledSessions>> ScheduleAsync(Guid programmeId, Guid pairId, ScheduleSession command, Actor actor, CancellationToken cancellationToken)
    {
        var pair = await db.Pairs.OwnAsync(programmeId, pairId, actor.PersonId, cancellationToken);
        if (pair is null)
        {
            return Problem.NotFound(localizer["Pairs.NotFound"]);
        }

        if (StateProblem(pair) is { } state)
        {
            return state;
        }

        var errors = new Dictionary<string, string[]>();
        var personZone = await db.People.Where(p => p.Id == actor.PersonId).Select(p => p.TimeZone).SingleOrDefaultAsync(cancellationToken);
        var zone = ZoneOf(command.TimeZone, personZone, errors);
        CheckStart(command.StartsAt, errors);
        CheckDuration(command.DurationMinutes, errors);
        EnumInput.Check(errors, "mode", command.Mode, localizer);
        var meetingUrl = command.MeetingUrl?.Trim();
        if (command.Mode == SessionMode.Remote)
        {
            if (command.CreateMeetingLink && string.IsNullOrEmpty(meetingUrl))
            {
                meetingUrl = meetings.Create();
            }

            if (!MeetingLinks.IsWebLink(meetingUrl) || meetingUrl!.Length > SessionSeries.UrlLength)
            {
                errors["meetingUrl"] = [localizer["Sessions.MeetingUrl"]];
            }
        }
        else if (string.IsNullOrWhiteSpace(command.Location) || command.Location.Length > SessionSeries.LocationLength)
        {
            errors["location"] = [localizer["Sessions.LocationRequired"]];
        }

        InputText.Check(errors, "location", command.Location, localizer);
        InputText.Check(errors, "title", command.Title, localizer);
        if ((command.Title ?? "").Length > SessionSeries.TitleLength)
        {
            errors["title"] = [localizer["Sessions.TitleLength", SessionSeries.TitleLength]];
        }

        CheckMessage(command.Message, errors);
        var (interval, count) = (0, (int?)1);
        DateTime? untilUtc = null;
        if (command.Recurrence is { } recurrence)
        {
            if (recurrence.IntervalWeeks is < 1 or > 52)
            {
                errors["recurrence.intervalWeeks"] = [localizer["Programme.Range", 1, 52]];
            }

            if (recurrence.Count is null == recurrence.Until is null)
            {
                errors["recurrence"] = [localizer["Sessions.CountOrUntil"]];
            }
            else if (recurrence.Count is < 1 or > SessionClock.MaxOccurrences)
            {
                errors["recurrence.count"] = [localizer["Sessions.TooMany", SessionClock.MaxOccurrences]];
            }
            else if (recurrence.Until is { } until && until < DateOnly.FromDateTime(command.StartsAt))
            {
                errors["recurrence.until"] = [localizer["Sessions.UntilBeforeStart"]];
            }

            (interval, count) = (recurrence.IntervalWeeks, recurrence.Count);
            if (recurrence.Until is { } last && zone is not null)
            {
                untilUtc = SessionClock.EndOfDayUtc(last, zone);
            }
        }

        var goals = (command.AgendaGoalIds ?? []).Distinct().ToList();
        if (goals.Count > 0)
        {
            var known = await db.PactGoals.Where(g => goals.Contains(g.Id))
                .Join(db.Pacts.Where(p => p.PairId == pair.Id), g => g.PactId, p => p.Id, (g, _) => g.Id)
                .CountAsync(cancellationToken);
            if (known != goals.Count)
            {
                errors["agendaGoalIds"] = [localizer["Sessions.UnknownGoal"]];
            }
        }

        if (errors.Count > 0 || zone is null)
        {
            return Problem.Validation(errors);
        }

        var (date, startTime) = (DateOnly.FromDateTime(command.StartsAt), TimeOnly.FromDateTime(command.StartsAt));
        var starts = SessionClock.Starts(date, startTime, zone, interval, count, untilUtc);
        if (starts.Count > SessionClock.MaxOccurrences)
        {
            return Problem.Validation("recurrence", localizer["Sessions.TooMany", SessionClock.MaxOccurrences]);
        }

        var now = time.GetUtcNow().UtcDateTime;
        var duration = TimeSpan.FromMinutes(command.DurationMinutes);
        if (starts[0] <= now)
        {
            return Problem.Validation("startsAt", localizer["Sessions.InThePast"]);
        }

        if (await OverlapAsync(pair, [.. starts.Select(s => (s, s + duration))], [], zone, cancellationToken) is { } overlap)
        {
            return overlap;
        }

        var series = new SessionSeries
        {
            ProgrammeId = programmeId,
            PairId = pair.Id,
            OrganiserId = actor.PersonId!.Value,
            Title = string.IsNullOrWhiteSpace(command.Title) ? "" : command.Title.Trim(),
            AgendaGoalIds = goals,
            Mode = command.Mode,
            MeetingUrl = command.Mode == SessionMode.Remote ? meetingUrl : null,
            Location = command.Mode == SessionMode.InPerson ? command.Location!.Trim() : null,
            TimeZoneId = zone.Id,
            StartDate = date,
            StartTime = startTime,
            DurationMinutes = command.DurationMinutes,
            IntervalWeeks = interval,
            Count = command.Recurrence?.Count,
            UntilUtc = untilUtc,
            CreatedUtc = now,
            UpdatedUtc = now,
            Uid = $"{Guid.CreateVersion7():N}@reciproca",
        };
        var sessions = starts.Select(s => new Session { SeriesId = series.Id, PairId = pair.Id, OriginalStartUtc = s, StartUtc = s, EndUtc = s + duration }).ToList();
        // The organiser schedules it: they come, unless they say otherwise.
        foreach (var session in sessions)
        {
            SetAnswer(pair, session, actor.PersonId!.Value, AttendanceAnswer.Accepted);
        }

        db.SessionSeries.Add(series);
        db.Sessions.AddRange(sessions);
        await invites.RequestAsync(pair, series, sessions, actor.PersonId!.Value, command.Message, cancellationToken);
        // The reminders and nudges are saved with the sessions, or not at all (ADR 0020).
        await reminders.PlanAsync(pair, sessions, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return new ScheduledSessions(sessions[0].Id, series.Id, [.. sessions.Select(s => s.Id)]);
    }

    public async Task<Result<PagedList<SessionView>>> ListAsync(Guid programmeId, Guid pairId, PageRequest page, Actor actor, CancellationToken cancellationToken)
    {
        var (pair, partner, problem) = await ReadablePairAsync(programmeId, pairId, actor, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var sessions = await db.Sessions.AsNoTracking().Where(s => s.PairId == pair!.Id).OrderBy(s => s.StartUtc).ThenBy(s => s.Id).ToPagedListAsync(page, cancellationToken);
        var seriesIds = sessions.Items.Select(s => s.SeriesId).Distinct().ToList();
        var series = await db.SessionSeries.AsNoTracking().Where(s => seriesIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, cancellationToken);
        return new PagedList<SessionView>(sessions.Total, sessions.Page, sessions.PageSize, [.. sessions.Items.Select(s => ToView(s, series[s.SeriesId], partner))]);
    }

    public async Task<Result<SessionView>> GetAsync(Guid programmeId, Guid pairId, Guid sessionId, Actor actor, CancellationToken cancellationToken)
    {
        var (pair, partner, problem) = await ReadablePairAsync(programmeId, pairId, actor, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var session = await db.Sessions.AsNoTracking().SingleOrDefaultAsync(s => s.Id == sessionId && s.PairId == pair!.Id, cancellationToken);
        if (session is null)
        {
            return Problem.NotFound(localizer["Sessions.NotFound"]);
        }

        return ToView(session, await db.SessionSeries.AsNoTracking().SingleAsync(s => s.Id == session.SeriesId, cancellationToken), partner);
    }

    public async Task<Result<SessionView>> RescheduleAsync(Guid programmeId, Guid pairId, Guid sessionId, RescheduleSession command, Guid? expectedVersion, Actor actor, CancellationToken cancellationToken)
    {
        var (pair, session, series, problem) = await ChangeableAsync(programmeId, pairId, sessionId, expectedVersion, actor, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var errors = new Dictionary<string, string[]>();
        EnumInput.Check(errors, "scope", command.Scope, localizer);
        var zone = ZoneOf(command.TimeZone, series!.TimeZoneId, errors);
        CheckStart(command.StartsAt, errors);
        var minutes = command.DurationMinutes ?? series.DurationMinutes;
        CheckDuration(minutes, errors);
        CheckMessage(command.Message, errors);
        if (errors.Count > 0 || zone is null)
        {
            return Problem.Validation(errors);
        }

        // The new wall-clock start, read in the zone the caller named, kept in the series' own zone.
        var seriesZone = SessionClock.Zone(series.TimeZoneId)!;
        var newStartUtc = SessionClock.ToUtc(DateOnly.FromDateTime(command.StartsAt), TimeOnly.FromDateTime(command.StartsAt), zone);
        var localInSeries = SessionClock.ToLocal(newStartUtc, seriesZone);
        var duration = TimeSpan.FromMinutes(minutes);
        var now = time.GetUtcNow().UtcDateTime;
        if (newStartUtc <= now)
        {
            return Problem.Validation("startsAt", localizer["Sessions.InThePast"]);
        }

        var all = await db.Sessions.Where(s => s.SeriesId == series.Id).OrderBy(s => s.OriginalStartUtc).ToListAsync(cancellationToken);
        var following = command.Scope == SessionScope.Following || !series.Repeats
            ? all.Where(s => s.OriginalStartUtc >= session!.OriginalStartUtc).ToList()
            : [session!];
        var earlier = all.Where(s => s.OriginalStartUtc < session!.OriginalStartUtc).ToList();
        List<DateTime> starts = following.Count == 1 && command.Scope == SessionScope.Occurrence
            ? [newStartUtc]
            : SessionClock.Starts(DateOnly.FromDateTime(localInSeries), TimeOnly.FromDateTime(localInSeries), seriesZone, series.IntervalWeeks, following.Count, untilUtc: null);
        var moved = following.Zip(starts, (s, start) => (Session: s, Start: start)).ToList();
        var scheduled = moved.Where(m => m.Session.Status == SessionStatus.Scheduled).Select(m => (m.Start, m.Start + duration)).ToList();
        if (await OverlapAsync(pair!, scheduled, [.. following.Select(s => s.Id)], zone, cancellationToken) is { } overlap)
        {
            return overlap;
        }

        var target = series;
        series.Sequence++;
        series.UpdatedUtc = now;
        series.Version = Guid.NewGuid();
        if (command.Scope == SessionScope.Occurrence && series.Repeats)
        {
            // A moved occurrence: an override with a RECURRENCE-ID (its original start), the rule untouched.
            Move(pair!, session!, newStartUtc, duration, actor);
            await invites.RequestAsync(pair!, series, all, actor.PersonId!.Value, command.Message, cancellationToken);
        }
        else
        {
            if (earlier.Count > 0)
            {
                // This and following: the old rule ends just before this occurrence (UNTIL), a new series with a UID of
                // its own carries the rest, so that calendars keep the past occurrences as they were.
                target = new SessionSeries
                {
                    ProgrammeId = series.ProgrammeId,
                    PairId = series.PairId,
                    OrganiserId = series.OrganiserId,
                    Title = series.Title,
                    AgendaGoalIds = [.. series.AgendaGoalIds],
                    Mode = series.Mode,
                    MeetingUrl = series.MeetingUrl,
                    Location = series.Location,
                    TimeZoneId = series.TimeZoneId,
                    IntervalWeeks = series.IntervalWeeks,
                    Count = following.Count,
                    Uid = $"{Guid.CreateVersion7():N}@reciproca",
                    CreatedUtc = now,
                };
                db.SessionSeries.Add(target);
                series.Count = null;
                series.UntilUtc = session!.OriginalStartUtc.AddSeconds(-1);
                await invites.RequestAsync(pair!, series, earlier, actor.PersonId!.Value, command.Message, cancellationToken);
            }
            else if (series.Repeats)
            {
                series.Count = following.Count;
                series.UntilUtc = null;
            }

            target.StartDate = DateOnly.FromDateTime(localInSeries);
            target.StartTime = TimeOnly.FromDateTime(localInSeries);
            target.DurationMinutes = minutes;
            target.UpdatedUtc = now;
            foreach (var (occurrence, start) in moved)
            {
                occurrence.SeriesId = target.Id;
                occurrence.OriginalStartUtc = start;
                Move(pair!, occurrence, start, duration, actor);
            }

            await invites.RequestAsync(pair!, target, following, actor.PersonId!.Value, command.Message, cancellationToken);
        }

        // The reminders follow the moved sessions (ADR 0020).
        await reminders.PlanAsync(pair!, following, cancellationToken);
        if (await db.SaveOrProblemAsync(Problem.Stale(localizer["Sessions.Changed"]), cancellationToken) is { } lostRace)
        {
            return lostRace;
        }

        return ToView(session!, target, partner: true);
    }

    public async Task<Result<SessionView>> CancelAsync(Guid programmeId, Guid pairId, Guid sessionId, SessionScope scope, string? message, Guid? expectedVersion, Actor actor, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        EnumInput.Check(errors, "scope", scope, localizer);
        CheckMessage(message, errors);
        if (errors.Count > 0)
        {
            return Problem.Validation(errors);
        }

        var (pair, session, series, problem) = await ChangeableAsync(programmeId, pairId, sessionId, expectedVersion, actor, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var now = time.GetUtcNow().UtcDateTime;
        var all = await db.Sessions.Where(s => s.SeriesId == series!.Id).OrderBy(s => s.OriginalStartUtc).ToListAsync(cancellationToken);
        var cancelled = (scope == SessionScope.Following ? all.Where(s => s.OriginalStartUtc >= session!.OriginalStartUtc) : [all.Single(s => s.Id == session!.Id)])
            .Where(s => s.Status == SessionStatus.Scheduled).ToList();
        foreach (var occurrence in cancelled)
        {
            occurrence.Status = SessionStatus.Cancelled;
            occurrence.CancelledUtc = now;
            occurrence.CancelledById = actor.PersonId;
            occurrence.Version = Guid.NewGuid();
        }

        // Nothing of the series takes place any more: the whole event is cancelled, without a RECURRENCE-ID.
        series!.Cancelled = all.All(s => s.Status == SessionStatus.Cancelled);
        series.Sequence++;
        series.UpdatedUtc = now;
        series.Version = Guid.NewGuid();
        await invites.CancelAsync(pair!, series, all, cancelled, actor.PersonId!.Value, message, cancellationToken);
        // A cancelled session's reminders are deleted with it: they are never sent (ADR 0020).
        await reminders.PlanAsync(pair!, cancelled, cancellationToken);
        if (await db.SaveOrProblemAsync(Problem.Stale(localizer["Sessions.Changed"]), cancellationToken) is { } lostRace)
        {
            return lostRace;
        }

        return ToView(session!, series, partner: true);
    }

    /// <summary>A partner's answer to the invite of one occurrence, or of it and the rest of its series.</summary>
    public async Task<Result<SessionView>> AnswerAsync(Guid sessionId, AttendanceAnswer answer, bool following, Actor actor, CancellationToken cancellationToken)
    {
        var session = await db.Sessions.SingleOrDefaultAsync(s => s.Id == sessionId, cancellationToken);
        var pair = session is null ? null : await db.Pairs.AsNoTracking().SingleOrDefaultAsync(p => p.Id == session.PairId, cancellationToken);
        if (session is null || pair is null || actor.PersonId is not { } personId || !pair.Involves(personId))
        {
            return Problem.NotFound(localizer["Sessions.NotFound"]);
        }

        if (EnumInput.Problem("answer", answer, localizer) is { } unknown)
        {
            return unknown;
        }

        var series = await db.SessionSeries.AsNoTracking().SingleAsync(s => s.Id == session.SeriesId, cancellationToken);
        var answered = following
            ? await db.Sessions.Where(s => s.SeriesId == session.SeriesId && s.OriginalStartUtc >= session.OriginalStartUtc && s.Status == SessionStatus.Scheduled).ToListAsync(cancellationToken)
            : [session];
        foreach (var occurrence in answered)
        {
            SetAnswer(pair, occurrence, personId, answer);
        }

        if (await db.SaveOrProblemAsync(Problem.Conflict(localizer["Sessions.Changed"]), cancellationToken) is { } lostRace)
        {
            return lostRace;
        }

        return ToView(session, series, partner: true);
    }

    /// <summary>For the answer page: one of the caller's own sessions with its programme, or null.</summary>
    public async Task<(SessionView View, Guid ProgrammeId, bool IAmDigitalMentor)?> OwnSessionAsync(Guid sessionId, Actor actor, CancellationToken cancellationToken)
    {
        var session = await db.Sessions.AsNoTracking().SingleOrDefaultAsync(s => s.Id == sessionId, cancellationToken);
        var pair = session is null ? null : await db.Pairs.AsNoTracking().SingleOrDefaultAsync(p => p.Id == session.PairId, cancellationToken);
        if (session is null || pair is null || actor.PersonId is not { } personId || !pair.Involves(personId))
        {
            return null;
        }

        var series = await db.SessionSeries.AsNoTracking().SingleAsync(s => s.Id == session.SeriesId, cancellationToken);
        return (ToView(session, series, partner: true), pair.ProgrammeId, pair.DigitalMentorId == personId);
    }

    /// <summary>For the pages: the caller's own pair in the programme, or null.</summary>
    public async Task<Pair?> OwnPairAsync(Guid programmeId, Guid pairId, Actor actor, CancellationToken cancellationToken) =>
        actor.PersonId is not { } personId
            ? null
            : await db.Pairs.AsNoTracking().Involving(personId).SingleOrDefaultAsync(p => p.Id == pairId && p.ProgrammeId == programmeId, cancellationToken);

    public static bool CanSchedule(PairState state) => state is PairState.Agreed or PairState.Active;

    private Problem? StateProblem(Pair pair) =>
        CanSchedule(pair.State) ? null : Problem.Conflict(localizer["Sessions.PairNotAgreed"]);

    private async Task<(Pair? Pair, bool Partner, Problem? Problem)> ReadablePairAsync(Guid programmeId, Guid pairId, Actor actor, CancellationToken cancellationToken)
    {
        var pair = await db.Pairs.AsNoTracking().SingleOrDefaultAsync(p => p.Id == pairId && p.ProgrammeId == programmeId, cancellationToken);
        if (pair is not null && actor.PersonId is { } personId && pair.Involves(personId))
        {
            return (pair, true, null);
        }

        // HR of the programme reads the metadata; a sponsor, another participant or HR elsewhere finds nothing.
        return pair is not null && await access.CanManageAsync(actor, programmeId, cancellationToken)
            ? (pair, false, null)
            : (null, false, Problem.NotFound(localizer["Pairs.NotFound"]));
    }

    private async Task<(Pair? Pair, Session? Session, SessionSeries? Series, Problem? Problem)> ChangeableAsync(Guid programmeId, Guid pairId, Guid sessionId, Guid? expectedVersion, Actor actor, CancellationToken cancellationToken)
    {
        var pair = await db.Pairs.OwnAsync(programmeId, pairId, actor.PersonId, cancellationToken);
        var session = pair is null ? null : await db.Sessions.SingleOrDefaultAsync(s => s.Id == sessionId && s.PairId == pair.Id, cancellationToken);
        if (pair is null || session is null)
        {
            return (null, null, null, Problem.NotFound(localizer[pair is null ? "Pairs.NotFound" : "Sessions.NotFound"]));
        }

        if (expectedVersion is null)
        {
            return (null, null, null, Problem.PreconditionRequired(localizer["Sessions.SendVersion"]));
        }

        if (expectedVersion != session.Version)
        {
            return (null, null, null, Problem.Stale(localizer["Sessions.Changed"]));
        }

        if (StateProblem(pair) is { } state)
        {
            return (null, null, null, state);
        }

        if (session.Status == SessionStatus.Cancelled)
        {
            return (null, null, null, Problem.Conflict(localizer["Sessions.AlreadyCancelled"]));
        }

        var series = await db.SessionSeries.SingleAsync(s => s.Id == session.SeriesId, cancellationToken);
        return (pair, session, series, null);
    }

    /// <summary>
    /// The first scheduled session of either partner, in any of their pairs, that would overlap one of
    /// <paramref name="slots"/> (sessions in <paramref name="ignore"/> are the ones being moved), told in the zone the
    /// caller chose the time in.
    /// </summary>
    private async Task<Problem?> OverlapAsync(Pair pair, IReadOnlyList<(DateTime Start, DateTime End)> slots, IReadOnlyCollection<Guid> ignore, TimeZoneInfo zone, CancellationToken cancellationToken)
    {
        if (slots.Count == 0)
        {
            return null;
        }

        var (from, to) = (slots.Min(s => s.Start), slots.Max(s => s.End));
        var people = new[] { pair.DigitalMentorId, pair.ExperienceMentorId };
        var pairIds = db.Pairs.Where(p => people.Contains(p.DigitalMentorId) || people.Contains(p.ExperienceMentorId)).Select(p => p.Id);
        var busy = await db.Sessions.AsNoTracking()
            .Where(s => pairIds.Contains(s.PairId) && s.Status == SessionStatus.Scheduled && s.StartUtc < to && s.EndUtc > from && !ignore.Contains(s.Id))
            .Select(s => new { s.StartUtc, s.EndUtc })
            .ToListAsync(cancellationToken);
        foreach (var slot in slots)
        {
            if (busy.FirstOrDefault(b => b.StartUtc < slot.End && b.EndUtc > slot.Start) is { } clash)
            {
                return Problem.Conflict(localizer["Sessions.Overlap", dates.Moment(clash.StartUtc, zone)]);
            }
        }

        return null;
    }

    private static void Move(Pair pair, Session session, DateTime start, TimeSpan duration, Actor actor)
    {
        session.StartUtc = start;
        session.EndUtc = start + duration;
        session.Version = Guid.NewGuid();
        // A new time asks the partner again; whoever moved it comes.
        (session.DigitalMentorAnswer, session.ExperienceMentorAnswer) = (null, null);
        SetAnswer(pair, session, actor.PersonId!.Value, AttendanceAnswer.Accepted);
    }

    private static void SetAnswer(Pair pair, Session session, Guid personId, AttendanceAnswer answer)
    {
        if (pair.DigitalMentorId == personId)
        {
            session.DigitalMentorAnswer = answer;
        }
        else
        {
            session.ExperienceMentorAnswer = answer;
        }
    }

    private TimeZoneInfo? ZoneOf(string? requested, string? fallback, Dictionary<string, string[]> errors)
    {
        if (!string.IsNullOrWhiteSpace(requested))
        {
            var zone = SessionClock.Zone(requested);
            if (zone is null)
            {
                errors["timeZone"] = [localizer["Sessions.UnknownZone", requested]];
            }

            return zone;
        }

        return SessionClock.Zone(fallback) ?? SessionClock.Zone(SessionClock.DefaultZone);
    }

    private void CheckStart(DateTime startsAt, Dictionary<string, string[]> errors)
    {
        // A wall-clock time: an offset or a Z would say another zone than the one named beside it.
        if (startsAt.Kind != DateTimeKind.Unspecified || startsAt == default)
        {
            errors["startsAt"] = [localizer["Sessions.LocalTime"]];
        }
    }

    private void CheckDuration(int minutes, Dictionary<string, string[]> errors)
    {
        if (minutes is < 5 or > MaxDurationMinutes)
        {
            errors["durationMinutes"] = [localizer["Sessions.Duration", 5, MaxDurationMinutes]];
        }
    }

    private void CheckMessage(string? message, Dictionary<string, string[]> errors)
    {
        if ((message ?? "").Length > MaxMessage)
        {
            errors["message"] = [localizer["Sessions.MessageLength", MaxMessage]];
        }

        InputText.Check(errors, "message", message, localizer, multiLine: true);
    }

    internal static SessionView ToView(Session session, SessionSeries series, bool partner)
    {
        var zone = SessionClock.Zone(series.TimeZoneId)!;
        return new SessionView(
            session.Id, series.Id, session.PairId, series.Title, session.StartUtc, session.EndUtc, session.OriginalStartUtc, series.TimeZoneId,
            SessionClock.ToLocal(session.StartUtc, zone).ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture),
            (int)(session.EndUtc - session.StartUtc).TotalMinutes, series.Mode,
            partner ? series.MeetingUrl : null, partner ? series.Location : null, session.Status, series.Repeats, series.Sequence, series.OrganiserId,
            partner ? series.AgendaGoalIds : [], session.DigitalMentorAnswer, session.ExperienceMentorAnswer, session.Version);
    }
}
