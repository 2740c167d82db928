using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Reciproca.Web.Features.Pairs;
using Reciproca.Web.Features.Programmes;
using Reciproca.Web.Features.Sessions;
using Reciproca.Web.Infrastructure.Auth;
using Reciproca.Web.Infrastructure.Data;
using Reciproca.Web.Infrastructure.Web;
using Reciproca.Web.Infrastructure.Web.Api;

namespace Reciproca.Web.Features.PairHealth;

/// <summary>The orders of the health list: most severe first (the default), by the digital mentor's name, longest quiet first.</summary>
public enum HealthSort
{
    Severity,
    Name,
    Quiet,
}

public sealed record HealthReasonView(HealthReasonCode Code, string Text);

/// <summary>One pair's health. <see cref="State"/> is null for a pair that is not agreed or active (not assessed).</summary>
public sealed record PairHealthItem(
    Guid PairId,
    string DigitalMentor,
    string ExperienceMentor,
    PairState PairState,
    HealthState? State,
    IReadOnlyList<HealthReasonView> Reasons,
    DateTime? LastHeldUtc,
    DateTime? NextScheduledUtc,
    int QuietDays,
    bool FollowedUp);

public enum TimelineKind
{
    PairStateChanged,
    SessionsScheduled,
    SessionHeld,
    SessionMissed,
    SessionCancelled,
    SessionUpcoming,
    SessionLogged,
}

/// <summary>One event of a pair's life for HR: never a log's text, only that it exists, held or not, and its rating.</summary>
public sealed record TimelineEntry(DateTime AtUtc, TimelineKind Kind, PairState? PairState, Guid? SessionId, PairSide? By, bool? Held, int? Rating, int? Occurrences);

public sealed record PairCheckInView(Guid Id, Guid PairId, Guid AuthorUserId, string Text, DateTime CreatedUtc);

public sealed record AddCheckIn(string? Text);

public sealed record SetFollowUp(bool FollowedUp);

public sealed record FollowUpView(Guid PairId, bool FollowedUp, DateTime? AtUtc);

/// <summary>
/// Pair health for the programme's HR (readme.md): the list, a pair's timeline, HR's private check-in notes and the
/// followed-up mark. HR of the programme and administrators only; anyone else finds nothing (or, by role, is refused).
/// </summary>
public sealed class PairHealthHandlers(AppDbContext db, ProgrammeAccess access, PairHealthQuery query, TimeProvider time, IStringLocalizer<SharedResource> localizer)
{
    public async Task<Result<PagedList<PairHealthItem>>> ListAsync(Guid programmeId, HealthSort sort, PageRequest page, Actor actor, CancellationToken cancellationToken)
    {
        if (EnumInput.Problem("sort", sort, localizer) is { } invalid)
        {
            return invalid;
        }

        if (await access.ManagerOrNotFoundAsync(actor, programmeId, cancellationToken) is { } problem)
        {
            return problem;
        }

        return (await AllAsync(programmeId, sort, cancellationToken)).ToPagedList(page);
    }

    /// <summary>Every pair's health in the chosen order, for the page and the API (the programme bounds the list).</summary>
    public async Task<IReadOnlyList<PairHealthItem>> AllAsync(Guid programmeId, HealthSort sort, CancellationToken cancellationToken)
    {
        var thresholds = await db.Programmes.Where(p => p.Id == programmeId)
            .Select(p => new HealthThresholds(p.SessionRules.QuietNudgeDays, p.SessionRules.HrAlertDays, ProgrammeRules.LowRating, ProgrammeRules.CancellationsAlert))
            .SingleAsync(cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        var rows = await query.ActivityAsync(programmeId, now, cancellationToken);
        var items = rows.Select(row => ToItem(row, PairHealthRules.Assess(row.ToActivity(), thresholds, now), now)).ToList();
        return Sorted(items, sort);
    }

    public static IReadOnlyList<PairHealthItem> Sorted(IEnumerable<PairHealthItem> items, HealthSort sort) => sort switch
    {
        HealthSort.Name => [.. items.OrderBy(i => i.DigitalMentor, StringComparer.CurrentCulture).ThenBy(i => i.ExperienceMentor, StringComparer.CurrentCulture).ThenBy(i => i.PairId)],
        HealthSort.Quiet => [.. items.OrderByDescending(i => i.QuietDays).ThenBy(i => i.DigitalMentor, StringComparer.CurrentCulture).ThenBy(i => i.PairId)],
        _ => [.. items.OrderByDescending(i => i.State.HasValue).ThenByDescending(i => i.State).ThenByDescending(i => i.QuietDays).ThenBy(i => i.DigitalMentor, StringComparer.CurrentCulture).ThenBy(i => i.PairId)],
    };

    private PairHealthItem ToItem(PairActivityRow row, HealthAssessment? assessment, DateTime now)
    {
        var quiet = row.NextScheduledUtc is null ? PairHealthRules.WholeDays(now - (row.LastHeldUtc ?? row.SinceUtc)) : 0;
        var reasons = assessment?.Reasons.Select(r => new HealthReasonView(r.Code, Text(r, row))).ToList() ?? [];
        return new PairHealthItem(row.PairId, row.DigitalMentorName, row.ExperienceMentorName, Enum.Parse<PairState>(row.State), assessment?.State, reasons,
            row.LastHeldUtc, row.NextScheduledUtc, quiet, row.FollowedUpUtc is not null);
    }

    /// <summary>The reason in words, with its figures and the partner it is about, in the reader's language.</summary>
    public string Text(HealthReason reason, PairActivityRow row)
    {
        var who = reason.Side == PairSide.ExperienceMentor ? row.ExperienceMentorName : row.DigitalMentorName;
        var other = reason.Side == PairSide.ExperienceMentor ? row.DigitalMentorName : row.ExperienceMentorName;
        return reason.Code switch
        {
            HealthReasonCode.Quiet => localizer["Health.Reason.Quiet", reason.Count],
            HealthReasonCode.BehindCadence => localizer["Health.Reason.BehindCadence", reason.Count, reason.Of],
            HealthReasonCode.LowRatings => localizer["Health.Reason.LowRatings", who],
            HealthReasonCode.OneSidedLogs => localizer["Health.Reason.OneSidedLogs", who, reason.Count, other],
            _ => localizer["Health.Reason.Cancellations", who, reason.Count],
        };
    }

    public async Task<Result<PagedList<TimelineEntry>>> TimelineAsync(Guid programmeId, Guid pairId, PageRequest page, Actor actor, CancellationToken cancellationToken)
    {
        var (pair, problem) = await ManagedPairAsync(programmeId, pairId, actor, cancellationToken);
        return problem is not null ? problem : (await TimelineOfAsync(pair!, cancellationToken)).ToPagedList(page);
    }

    /// <summary>The pair's life in order (a pair's rows are few: read whole). Log texts are never selected.</summary>
    public async Task<IReadOnlyList<TimelineEntry>> TimelineOfAsync(Pair pair, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var entries = new List<TimelineEntry>();
        PairSide? SideOf(Guid? person) => person == pair.DigitalMentorId ? PairSide.DigitalMentor : person == pair.ExperienceMentorId ? PairSide.ExperienceMentor : null;

        var events = await db.PairEvents.AsNoTracking().Where(e => e.PairId == pair.Id).Select(e => new { e.AtUtc, e.To }).ToListAsync(cancellationToken);
        entries.AddRange(events.Select(e => new TimelineEntry(e.AtUtc, TimelineKind.PairStateChanged, e.To, null, null, null, null, null)));

        var series = await db.SessionSeries.AsNoTracking().Where(s => s.PairId == pair.Id)
            .Select(s => new { s.CreatedUtc, s.OrganiserId, Occurrences = db.Sessions.Count(o => o.SeriesId == s.Id) }).ToListAsync(cancellationToken);
        entries.AddRange(series.Select(s => new TimelineEntry(s.CreatedUtc, TimelineKind.SessionsScheduled, null, null, SideOf(s.OrganiserId), null, null, s.Occurrences)));

        var sessions = await db.Sessions.AsNoTracking().Where(s => s.PairId == pair.Id)
            .Select(s => new { s.Id, s.StartUtc, s.EndUtc, s.Status, s.CancelledUtc, s.CancelledById, Missed = db.SessionLogs.Any(l => l.SessionId == s.Id && !l.Held) })
            .ToListAsync(cancellationToken);
        foreach (var s in sessions)
        {
            entries.Add(s.Status == SessionStatus.Cancelled
                ? new TimelineEntry(s.CancelledUtc ?? s.StartUtc, TimelineKind.SessionCancelled, null, s.Id, SideOf(s.CancelledById), null, null, null)
                : new TimelineEntry(s.StartUtc, s.EndUtc > now ? TimelineKind.SessionUpcoming : s.Missed ? TimelineKind.SessionMissed : TimelineKind.SessionHeld, null, s.Id, null, null, null, null));
        }

        var logs = await db.SessionLogs.AsNoTracking().Where(l => l.PairId == pair.Id)
            .Select(l => new { l.CreatedUtc, l.SessionId, l.AuthorId, l.Held, l.Rating }).ToListAsync(cancellationToken);
        entries.AddRange(logs.Select(l => new TimelineEntry(l.CreatedUtc, TimelineKind.SessionLogged, null, l.SessionId, SideOf(l.AuthorId), l.Held, l.Rating, null)));

        return [.. entries.OrderBy(e => e.AtUtc).ThenBy(e => e.Kind).ThenBy(e => e.SessionId)];
    }

    public async Task<Result<PagedList<PairCheckInView>>> CheckInsAsync(Guid programmeId, Guid pairId, PageRequest page, Actor actor, CancellationToken cancellationToken)
    {
        var (pair, problem) = await ManagedPairAsync(programmeId, pairId, actor, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        return await db.PairCheckIns.AsNoTracking().Where(c => c.PairId == pair!.Id).OrderByDescending(c => c.CreatedUtc).ThenByDescending(c => c.Id)
            .Select(c => new PairCheckInView(c.Id, c.PairId, c.AuthorUserId, c.Text, c.CreatedUtc)).ToPagedListAsync(page, cancellationToken);
    }

    public async Task<Result<PairCheckInView>> AddCheckInAsync(Guid programmeId, Guid pairId, AddCheckIn command, Actor actor, CancellationToken cancellationToken)
    {
        // Scope first: outside it the pair does not exist, whatever the body says.
        var (pair, problem) = await ManagedPairAsync(programmeId, pairId, actor, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var text = command.Text?.Trim() ?? "";
        if (text.Length == 0)
        {
            return Problem.Validation("text", localizer["Health.CheckIn.Required"]);
        }

        if (text.Length > PairCheckIn.TextLength)
        {
            return Problem.Validation("text", localizer["Health.CheckIn.TooLong", PairCheckIn.TextLength]);
        }

        var checkIn = new PairCheckIn { PairId = pair!.Id, AuthorUserId = actor.UserId, Text = text, CreatedUtc = time.GetUtcNow().UtcDateTime };
        db.PairCheckIns.Add(checkIn);
        await db.SaveChangesAsync(cancellationToken);
        return new PairCheckInView(checkIn.Id, checkIn.PairId, checkIn.AuthorUserId, checkIn.Text, checkIn.CreatedUtc);
    }

    public async Task<Result<FollowUpView>> SetFollowUpAsync(Guid programmeId, Guid pairId, SetFollowUp command, Actor actor, CancellationToken cancellationToken)
    {
        var (pair, problem) = await ManagedPairAsync(programmeId, pairId, actor, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var existing = await db.PairFollowUps.SingleOrDefaultAsync(f => f.PairId == pair!.Id, cancellationToken);
        if (command.FollowedUp && existing is null)
        {
            existing = new PairFollowUp { PairId = pair!.Id, ByUserId = actor.UserId, AtUtc = time.GetUtcNow().UtcDateTime };
            db.PairFollowUps.Add(existing);
        }
        else if (!command.FollowedUp && existing is not null)
        {
            db.PairFollowUps.Remove(existing);
            existing = null;
        }

        // Two HR users toggling at once: the second insert meets the key, and the mark is on either way.
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException) when (command.FollowedUp)
        {
            db.ChangeTracker.Clear();
            existing = await db.PairFollowUps.AsNoTracking().SingleAsync(f => f.PairId == pair!.Id, cancellationToken);
        }

        return new FollowUpView(pair!.Id, existing is not null, existing?.AtUtc);
    }

    /// <summary>The programme's pair for its HR: not found for anyone else, and for a pair of another programme.</summary>
    public async Task<(Pair? Pair, Problem? Problem)> ManagedPairAsync(Guid programmeId, Guid pairId, Actor actor, CancellationToken cancellationToken)
    {
        if (await access.ManagerOrNotFoundAsync(actor, programmeId, cancellationToken) is { } problem)
        {
            return (null, problem);
        }

        var pair = await db.Pairs.AsNoTracking().SingleOrDefaultAsync(p => p.Id == pairId && p.ProgrammeId == programmeId, cancellationToken);
        return pair is null ? (null, Problem.NotFound(localizer["Pairs.NotFound"])) : (pair, null);
    }
}
