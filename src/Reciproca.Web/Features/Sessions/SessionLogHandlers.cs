using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Reciproca.Web.Features.Assessments;
using Reciproca.Web.Features.Pairs;
using Reciproca.Web.Features.Programmes;
using Reciproca.Web.Infrastructure.Auth;
using Reciproca.Web.Infrastructure.Data;
using Reciproca.Web.Infrastructure.Web;
using Reciproca.Web.Infrastructure.Web.Api;

namespace Reciproca.Web.Features.Sessions;

/// <summary>Progress on one pact goal as the author sees it after the session.</summary>
public sealed record GoalProgressInput(Guid GoalId, GoalProgress Progress);

/// <summary>
/// One partner's log of one session: <see cref="Rating"/> (1-5) when it was held, <see cref="MissedReason"/> when it was
/// not. The private note is read by its author only.
/// </summary>
public sealed record WriteSessionLog(
    bool Held,
    MissedReason? MissedReason = null,
    string? Taught = null,
    string? Learned = null,
    IReadOnlyList<string>? Tags = null,
    IReadOnlyList<GoalProgressInput>? GoalProgress = null,
    int? Rating = null,
    string? PrivateNote = null);

/// <summary>
/// A log as the caller may read it. For the programme's HR <see cref="Taught"/>, <see cref="Learned"/> and
/// <see cref="PrivateNote"/> are always null (and left out of the JSON); for the partner the private note is.
/// </summary>
public sealed record SessionLogView(
    Guid Id,
    Guid SessionId,
    Guid AuthorId,
    PairSide AuthorSide,
    bool Mine,
    bool Held,
    MissedReason? MissedReason,
    int? Rating,
    IReadOnlyList<string> Tags,
    IReadOnlyList<GoalProgressInput> GoalProgress,
    string? Taught,
    string? Learned,
    string? PrivateNote,
    DateTime CreatedUtc,
    DateTime UpdatedUtc,
    Guid Version) : IVersioned;

/// <summary>
/// Logging a session, each partner separately, after its start (issue 11 item 4). Every refusal writes nothing. A held
/// log of an agreed pair makes the pair active in the same transaction (a pair event, From Agreed To Active).
/// </summary>
public sealed class SessionLogHandlers(AppDbContext db, ProgrammeAccess access, DigCompCatalogue digComp, PairLifeNotifications notifications, TimeProvider time, IStringLocalizer<SharedResource> localizer)
{
    public async Task<Result<SessionLogView>> CreateAsync(Guid programmeId, Guid pairId, Guid sessionId, WriteSessionLog command, Actor actor, CancellationToken cancellationToken)
    {
        var pair = await db.Pairs.OwnAsync(programmeId, pairId, actor.PersonId, cancellationToken);
        var session = pair is null ? null : await db.Sessions.AsNoTracking().SingleOrDefaultAsync(s => s.Id == sessionId && s.PairId == pair.Id, cancellationToken);
        if (pair is null || session is null)
        {
            return Problem.NotFound(localizer[pair is null ? "Pairs.NotFound" : "Sessions.NotFound"]);
        }

        if (SessionProblem(session) is { } refused)
        {
            return refused;
        }

        var authorId = actor.PersonId!.Value;
        if (await db.SessionLogs.AnyAsync(l => l.SessionId == session.Id && l.AuthorId == authorId, cancellationToken))
        {
            return Problem.Conflict(localizer["SessionLogs.AlreadyLogged"]);
        }

        if (await ValidateAsync(pair, command, cancellationToken) is { } invalid)
        {
            return invalid;
        }

        var now = time.GetUtcNow().UtcDateTime;
        var log = new SessionLog { SessionId = session.Id, PairId = pair.Id, AuthorId = authorId, CreatedUtc = now };
        Apply(log, command, now);
        db.SessionLogs.Add(log);
        Activate(pair, command, actor, now);
        // The partner is told, so that they log theirs too.
        await notifications.LoggedAsync(pair, session.Id, authorId, cancellationToken);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // The unique index (session, author) under a race, or the pair changed meanwhile: nothing is written.
            return Problem.Conflict(localizer["SessionLogs.AlreadyLogged"]);
        }

        return ToView(log, pair, authorId, hr: false);
    }

    public async Task<Result<SessionLogView>> UpdateAsync(Guid programmeId, Guid pairId, Guid sessionId, Guid logId, WriteSessionLog command, Guid? expectedVersion, Actor actor, CancellationToken cancellationToken)
    {
        var pair = await db.Pairs.OwnAsync(programmeId, pairId, actor.PersonId, cancellationToken);
        var log = pair is null ? null : await db.SessionLogs.Include(l => l.Goals)
            .SingleOrDefaultAsync(l => l.Id == logId && l.SessionId == sessionId && l.PairId == pair.Id && l.AuthorId == actor.PersonId, cancellationToken);
        if (pair is null || log is null)
        {
            return Problem.NotFound(localizer[pair is null ? "Pairs.NotFound" : "SessionLogs.NotFound"]);
        }

        if (expectedVersion is null)
        {
            return Problem.PreconditionRequired(localizer["SessionLogs.SendVersion"]);
        }

        if (expectedVersion != log.Version)
        {
            return Problem.Stale(localizer["SessionLogs.Changed"]);
        }

        var session = await db.Sessions.AsNoTracking().SingleAsync(s => s.Id == sessionId, cancellationToken);
        if (SessionProblem(session) is { } refused)
        {
            return refused;
        }

        if (await ValidateAsync(pair, command, cancellationToken) is { } invalid)
        {
            return invalid;
        }

        var now = time.GetUtcNow().UtcDateTime;
        Apply(log, command, now);
        Activate(pair, command, actor, now);
        if (await db.SaveOrProblemAsync(Problem.Stale(localizer["SessionLogs.Changed"]), cancellationToken) is { } lostRace)
        {
            return lostRace;
        }

        return ToView(log, pair, actor.PersonId!.Value, hr: false);
    }

    public async Task<Result<IReadOnlyList<SessionLogView>>> ListAsync(Guid programmeId, Guid pairId, Guid sessionId, Actor actor, CancellationToken cancellationToken)
    {
        var pair = await db.Pairs.AsNoTracking().SingleOrDefaultAsync(p => p.Id == pairId && p.ProgrammeId == programmeId, cancellationToken);
        var partner = pair is not null && actor.PersonId is { } personId && pair.Involves(personId);
        // HR of the programme reads the metadata; a sponsor, another participant or HR elsewhere finds nothing.
        if (pair is null || (!partner && !await access.CanManageAsync(actor, programmeId, cancellationToken)))
        {
            return Problem.NotFound(localizer["Pairs.NotFound"]);
        }

        if (!await db.Sessions.AnyAsync(s => s.Id == sessionId && s.PairId == pair.Id, cancellationToken))
        {
            return Problem.NotFound(localizer["Sessions.NotFound"]);
        }

        var logs = await db.SessionLogs.AsNoTracking().Include(l => l.Goals).Where(l => l.SessionId == sessionId).OrderBy(l => l.CreatedUtc).ThenBy(l => l.Id).ToListAsync(cancellationToken);
        return logs.Select(l => ToView(l, pair, actor.PersonId, hr: !partner)).ToList();
    }

    /// <summary>For the log page: the caller's own log of a session and the partner's, as the caller may read them.</summary>
    public async Task<IReadOnlyList<SessionLogView>> ForPartnerAsync(Pair pair, Guid sessionId, Guid personId, CancellationToken cancellationToken)
    {
        var logs = await db.SessionLogs.AsNoTracking().Include(l => l.Goals).Where(l => l.SessionId == sessionId && l.PairId == pair.Id).ToListAsync(cancellationToken);
        return [.. logs.Select(l => ToView(l, pair, personId, hr: false))];
    }

    private Problem? SessionProblem(Session session)
    {
        if (session.Status == SessionStatus.Cancelled)
        {
            return Problem.Conflict(localizer["SessionLogs.Cancelled"]);
        }

        return session.StartUtc > time.GetUtcNow().UtcDateTime ? Problem.Conflict(localizer["SessionLogs.NotYet"]) : null;
    }

    private async Task<Problem?> ValidateAsync(Pair pair, WriteSessionLog command, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (command.Held)
        {
            if (command.Rating is not (>= 1 and <= 5))
            {
                errors["rating"] = [localizer["SessionLogs.Rating"]];
            }
        }
        else if (command.MissedReason is null)
        {
            errors["missedReason"] = [localizer["SessionLogs.MissedReason"]];
        }
        else
        {
            EnumInput.Check(errors, "missedReason", command.MissedReason.Value, localizer);
        }

        if (command.Rating is { } rating && rating is < 1 or > 5)
        {
            errors["rating"] = [localizer["SessionLogs.Rating"]];
        }

        foreach (var (field, text) in new[] { ("taught", command.Taught), ("learned", command.Learned), ("privateNote", command.PrivateNote) })
        {
            InputText.Check(errors, field, text, localizer);
            if ((text ?? "").Length > SessionLog.TextLength)
            {
                errors[field] = [localizer["SessionLogs.TextLength", SessionLog.TextLength]];
            }
        }

        var tags = (command.Tags ?? []).Select(t => t?.Trim() ?? "").Distinct().ToList();
        if (tags.Count > SessionLog.MaxTags || tags.Any(string.IsNullOrEmpty))
        {
            errors["tags"] = [localizer["Pact.TagsLimit", SessionLog.MaxTags]];
        }
        else if (tags.Count > 0)
        {
            var topics = await db.ExperienceTopics.Where(t => tags.Contains(t.Key)).Select(t => t.Key).ToListAsync(cancellationToken);
            var unknown = tags.Where(t => !digComp.IsCompetence(t) && !topics.Contains(t)).ToList();
            if (unknown.Count > 0)
            {
                errors["tags"] = [localizer["Pact.UnknownTags", string.Join(", ", unknown.Take(SessionLog.MaxTags))]];
            }
        }

        var progress = command.GoalProgress ?? [];
        foreach (var item in progress)
        {
            EnumInput.Check(errors, "goalProgress", item.Progress, localizer);
        }

        var goalIds = progress.Select(g => g.GoalId).ToList();
        if (goalIds.Count != goalIds.Distinct().Count())
        {
            errors["goalProgress"] = [localizer["SessionLogs.UnknownGoal"]];
        }
        else if (goalIds.Count > 0)
        {
            var known = await db.PactGoals.Where(g => goalIds.Contains(g.Id))
                .Join(db.Pacts.Where(p => p.PairId == pair.Id), g => g.PactId, p => p.Id, (g, _) => g.Id)
                .CountAsync(cancellationToken);
            if (known != goalIds.Count)
            {
                errors["goalProgress"] = [localizer["SessionLogs.UnknownGoal"]];
            }
        }

        return errors.Count > 0 ? Problem.Validation(errors) : null;
    }

    private static void Apply(SessionLog log, WriteSessionLog command, DateTime now)
    {
        log.Held = command.Held;
        log.MissedReason = command.Held ? null : command.MissedReason;
        log.Rating = command.Held ? command.Rating : null;
        log.Taught = command.Taught?.Trim() ?? "";
        log.Learned = command.Learned?.Trim() ?? "";
        log.PrivateNote = string.IsNullOrWhiteSpace(command.PrivateNote) ? null : command.PrivateNote.Trim();
        log.Tags = [.. (command.Tags ?? []).Select(t => t.Trim()).Distinct()];
        var wanted = (command.GoalProgress ?? []).ToDictionary(g => g.GoalId, g => g.Progress);
        log.Goals.RemoveAll(g => !wanted.ContainsKey(g.GoalId));
        foreach (var (goalId, progress) in wanted)
        {
            if (log.Goals.Find(g => g.GoalId == goalId) is { } existing)
            {
                existing.Progress = progress;
            }
            else
            {
                log.Goals.Add(new SessionLogGoal { LogId = log.Id, GoalId = goalId, Progress = progress });
            }
        }

        log.UpdatedUtc = now;
        log.Version = Guid.NewGuid();
    }

    /// <summary>An agreed pair becomes active at its first held session (PRODUCT.md step 6).</summary>
    private void Activate(Pair pair, WriteSessionLog command, Actor actor, DateTime now)
    {
        if (!command.Held || pair.State != PairState.Agreed)
        {
            return;
        }

        pair.State = PairState.Active;
        pair.Version = Guid.NewGuid();
        db.PairEvents.Add(new PairEvent { PairId = pair.Id, AtUtc = now, ByUserId = actor.UserId, From = PairState.Agreed, To = PairState.Active, Reason = "first session held" });
    }

    private static SessionLogView ToView(SessionLog log, Pair pair, Guid? reader, bool hr)
    {
        var mine = reader == log.AuthorId;
        return new SessionLogView(
            log.Id,
            log.SessionId,
            log.AuthorId,
            pair.DigitalMentorId == log.AuthorId ? PairSide.DigitalMentor : PairSide.ExperienceMentor,
            mine,
            log.Held,
            log.MissedReason,
            log.Rating,
            log.Tags,
            [.. log.Goals.OrderBy(g => g.GoalId).Select(g => new GoalProgressInput(g.GoalId, g.Progress))],
            hr ? null : log.Taught,
            hr ? null : log.Learned,
            mine ? log.PrivateNote : null,
            log.CreatedUtc,
            log.UpdatedUtc,
            log.Version);
    }
}
