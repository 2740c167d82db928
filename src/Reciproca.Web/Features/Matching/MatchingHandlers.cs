using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Reciproca.Matching.Scoring;
using Reciproca.Web.Features.Pairs;
using Reciproca.Web.Features.Programmes;
using Reciproca.Web.Infrastructure.Auth;
using Reciproca.Web.Infrastructure.Data;
using Reciproca.Web.Infrastructure.Web;
using Reciproca.Web.Infrastructure.Web.Api;
using Reciproca.Web.Infrastructure.Web.Localization;

namespace Reciproca.Web.Features.Matching;

public sealed record ProposalView(Guid DigitalMentorId, Guid ExperienceMentorId, long Score, bool Locked, PairExplanation Explanation);

public sealed record UnmatchedView(Guid PersonId, Side Side, string Reason);

public sealed record MatchingRunView(Guid Id, Guid ProgrammeId, DateTime CreatedUtc, long Objective, bool Verified, bool Published, IReadOnlyList<ProposalView> Proposals, IReadOnlyList<UnmatchedView> Unmatched, MatchingMode Mode, int? BlockingPairs);

public sealed record PairEvaluationView(Guid DigitalMentorId, Guid ExperienceMentorId, bool Allowed, long Score, string? ForbiddenBy, PairExplanation Explanation);

public sealed record SetConstraint(Guid DigitalMentorId, Guid ExperienceMentorId, ConstraintKind Kind);

/// <summary>How many proposed pairs a publication created.</summary>
public sealed record PublishOutcome(int Published);

/// <summary>
/// What publishing a draft would do, for HR to confirm: the pairs, the people told (and how many of them have no
/// e-mail address), who the run could not consider (enrolled but not assessed or without a side), who stays
/// unmatched, and whether the draft is stale (publishing would be refused).
/// </summary>
public sealed record PublishPreview(Guid RunId, int Pairs, int People, int WithoutEmail, int Unassessed, int Unmatched, bool Stale);

/// <summary>
/// Matching with HR review: run the engine on the programme's pool (a draft), ask about any pair, lock or exclude
/// pairs for the next run, publish the latest draft as proposed pairs. Only the programme's managers may do this.
/// </summary>
public sealed class MatchingHandlers(AppDbContext db, ProgrammeAccess access, PairNotifications notifications, TimeProvider time, IStringLocalizer<SharedResource> localizer)
{
    private static readonly JsonSerializerOptions _json = ApiJson.Options;

    public async Task<Result<MatchingRunView>> RunAsync(Guid programmeId, Actor actor, CancellationToken cancellationToken)
    {
        var (programme, problem) = await ManagedProgrammeAsync(programmeId, actor, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var cohort = await MatchingCohort.LoadAsync(db, programme!, cancellationToken);
        if (cohort.DigitalMentors.Count == 0 || cohort.ExperienceMentors.Count == 0)
        {
            return Problem.Validation("participants", localizer["Matching.EmptyPool"]);
        }

        var rules = cohort.Rules with { Locks = LocksThatFit(cohort) };
        var stable = programme!.Rules.Mode == MatchingMode.ParticipantsRank;
        int? blocking = null;
        MatchingOutcome outcome;
        if (stable)
        {
            (outcome, blocking) = StableRun.Match(cohort with { Rules = rules }, await RankingHandlers.AllAsync(db, programmeId, cancellationToken), programme.Rules.ProposingSide);
        }
        else
        {
            outcome = ReciprocalMatcher.Match(cohort.DigitalMentors, cohort.ExperienceMentors, rules);
        }

        var run = new MatchingRun
        {
            ProgrammeId = programmeId,
            CreatedUtc = time.GetUtcNow().UtcDateTime,
            CreatedBy = actor.UserId,
            Objective = outcome.TotalScore,
            Verified = outcome.Verified,
            Mode = programme.Rules.Mode,
            BlockingPairs = blocking,
        };
        run.Proposals.AddRange(outcome.Proposals.Select(p => new RunProposal
        {
            RunId = run.Id,
            DigitalMentorId = p.JuniorId,
            ExperienceMentorId = p.SeniorId,
            Score = p.Score,
            Locked = p.Locked,
            Explanation = JsonSerializer.Serialize(p.Explanation, _json),
        }));
        run.Unmatched.AddRange(outcome.Unmatched.Select(u => new RunUnmatched
        {
            RunId = run.Id,
            PersonId = u.PersonId,
            Side = (u.Side == MatchingSide.Junior ? Side.DigitalMentor : Side.ExperienceMentor).ToString(),
            Reason = u.Reason.ToString(),
        }));
        db.MatchingRuns.Add(run);
        await db.SaveChangesAsync(cancellationToken);
        return ToView(run);
    }

    /// <summary>
    /// The locks a run can honour: locks naming someone no longer in the pool (now in a pair, or withdrawn) are
    /// ignored, not fatal, and so are locks beyond a person's room (the capacity was lowered after locking, or the
    /// person's other pairs took it), oldest locks first.
    /// </summary>
    private static List<PairKey> LocksThatFit(MatchingCohort cohort)
    {
        var room = cohort.DigitalMentors.Concat(cohort.ExperienceMentors).ToDictionary(p => p.Id, p => p.Capacity);
        var kept = new List<PairKey>();
        foreach (var lockPair in cohort.Rules.Locks)
        {
            if (room.GetValueOrDefault(lockPair.JuniorId) > 0 && room.GetValueOrDefault(lockPair.SeniorId) > 0)
            {
                room[lockPair.JuniorId]--;
                room[lockPair.SeniorId]--;
                kept.Add(lockPair);
            }
        }

        return kept;
    }

    public async Task<Result<MatchingRunView>> GetAsync(Guid programmeId, Guid runId, Actor actor, CancellationToken cancellationToken)
    {
        var (_, problem) = await ManagedProgrammeAsync(programmeId, actor, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var run = await db.MatchingRuns.AsNoTracking().Include(r => r.Proposals).Include(r => r.Unmatched)
            .SingleOrDefaultAsync(r => r.Id == runId && r.ProgrammeId == programmeId, cancellationToken);
        return run is null ? Problem.NotFound(localizer["Matching.RunNotFound"]) : ToView(run);
    }

    public async Task<MatchingRunView?> LatestAsync(Guid programmeId, CancellationToken cancellationToken)
    {
        var run = await db.MatchingRuns.AsNoTracking().Include(r => r.Proposals).Include(r => r.Unmatched)
            .Where(r => r.ProgrammeId == programmeId).OrderByDescending(r => r.CreatedUtc).ThenByDescending(r => r.Id).FirstOrDefaultAsync(cancellationToken);
        return run is null ? null : ToView(run);
    }

    /// <summary>"Why not Anna with Marco?": the score and explanation of any pair of the pool, or the rule that forbids it.</summary>
    public async Task<Result<PairEvaluationView>> ExplainAsync(Guid programmeId, Guid runId, Guid digitalMentorId, Guid experienceMentorId, Actor actor, CancellationToken cancellationToken)
    {
        var (programme, problem) = await ManagedProgrammeAsync(programmeId, actor, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        if (!await db.MatchingRuns.AnyAsync(r => r.Id == runId && r.ProgrammeId == programmeId, cancellationToken))
        {
            return Problem.NotFound(localizer["Matching.RunNotFound"]);
        }

        var cohort = await MatchingCohort.LoadAsync(db, programme!, cancellationToken);
        if (cohort.DigitalMentors.All(p => p.Id != digitalMentorId) || cohort.ExperienceMentors.All(p => p.Id != experienceMentorId))
        {
            return Problem.NotFound(localizer["Matching.NotInPool"]);
        }

        var evaluation = ReciprocalMatcher.Explain(cohort.DigitalMentors, cohort.ExperienceMentors, cohort.Rules with { Locks = [] }, digitalMentorId, experienceMentorId);
        return new PairEvaluationView(digitalMentorId, experienceMentorId, evaluation.IsAllowed, evaluation.Score, evaluation.ForbiddenBy?.ToString(), evaluation.Explanation);
    }

    public async Task<Result<IReadOnlyList<SetConstraint>>> SetConstraintAsync(Guid programmeId, SetConstraint command, Actor actor, CancellationToken cancellationToken)
    {
        var (programme, problem) = await ManagedProgrammeAsync(programmeId, actor, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        if (EnumInput.Problem("kind", command.Kind, localizer) is { } unknownKind)
        {
            return unknownKind;
        }

        var sides = await db.Participants.Where(p => p.ProgrammeId == programmeId && (p.PersonId == command.DigitalMentorId || p.PersonId == command.ExperienceMentorId))
            .ToListAsync(cancellationToken);
        if (sides.SingleOrDefault(p => p.PersonId == command.DigitalMentorId)?.Side != Side.DigitalMentor
            || sides.SingleOrDefault(p => p.PersonId == command.ExperienceMentorId)?.Side != Side.ExperienceMentor)
        {
            return Problem.Validation("pair", localizer["Matching.NotInPool"]);
        }

        var existing = await db.MatchingConstraints.SingleOrDefaultAsync(
            c => c.ProgrammeId == programmeId && c.DigitalMentorId == command.DigitalMentorId && c.ExperienceMentorId == command.ExperienceMentorId, cancellationToken);
        if (command.Kind == ConstraintKind.Lock && existing?.Kind != ConstraintKind.Lock)
        {
            // A lock takes one of each person's places: refuse one that the programme's capacities cannot hold.
            var locks = db.MatchingConstraints.Where(c => c.ProgrammeId == programmeId && c.Kind == ConstraintKind.Lock);
            var rules = programme!.Rules;
            if (await locks.CountAsync(c => c.DigitalMentorId == command.DigitalMentorId, cancellationToken) >= rules.DigitalMentorCapacity)
            {
                return Problem.Validation("pair", localizer.Count("Matching.AlreadyLocked", rules.DigitalMentorCapacity));
            }

            if (await locks.CountAsync(c => c.ExperienceMentorId == command.ExperienceMentorId, cancellationToken) >= rules.ExperienceMentorCapacity)
            {
                return Problem.Validation("pair", localizer.Count("Matching.ExperienceMentorFull", rules.ExperienceMentorCapacity));
            }
        }

        if (command.Kind == ConstraintKind.Lock && await HardRuleAsync(programme!, command.DigitalMentorId, command.ExperienceMentorId, cancellationToken) is { } rule)
        {
            return Problem.Validation("pair", localizer[$"Review.CannotLock.{rule}"]);
        }

        if (existing is null)
        {
            db.MatchingConstraints.Add(new MatchingConstraint
            {
                ProgrammeId = programmeId,
                DigitalMentorId = command.DigitalMentorId,
                ExperienceMentorId = command.ExperienceMentorId,
                Kind = command.Kind,
                CreatedUtc = time.GetUtcNow().UtcDateTime,
            });
        }
        else
        {
            existing.Kind = command.Kind;
        }

        await db.SaveChangesAsync(cancellationToken);
        return new Result<IReadOnlyList<SetConstraint>>(await ConstraintsAsync(programmeId, cancellationToken), null);
    }

    /// <summary>
    /// The hard rule of the programme that forbids a pair, if any. A lock overrides HR's own exclusion (it replaces
    /// it) and the minimum score (HR may pair two people the score undervalues, with a warning), but not the rules of
    /// the programme: those are changed on the programme's page, for every pair alike.
    /// </summary>
    private async Task<RuleCode?> HardRuleAsync(Programme programme, Guid digitalMentorId, Guid experienceMentorId, CancellationToken cancellationToken)
    {
        var cohort = await MatchingCohort.LoadAsync(db, programme, cancellationToken);
        if (cohort.DigitalMentors.All(p => p.Id != digitalMentorId) || cohort.ExperienceMentors.All(p => p.Id != experienceMentorId))
        {
            return null;
        }

        var evaluation = ReciprocalMatcher.Explain(cohort.DigitalMentors, cohort.ExperienceMentors, cohort.Rules with { Locks = [], Exclusions = [] }, digitalMentorId, experienceMentorId);
        return evaluation.ForbiddenBy is RuleCode.SameReportingLine or RuleCode.NoCommonLanguage ? evaluation.ForbiddenBy : null;
    }

    public async Task<Result<IReadOnlyList<SetConstraint>>> RemoveConstraintAsync(Guid programmeId, Guid digitalMentorId, Guid experienceMentorId, Actor actor, CancellationToken cancellationToken)
    {
        var (_, problem) = await ManagedProgrammeAsync(programmeId, actor, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        await db.MatchingConstraints.Where(c => c.ProgrammeId == programmeId && c.DigitalMentorId == digitalMentorId && c.ExperienceMentorId == experienceMentorId)
            .ExecuteDeleteAsync(cancellationToken);
        return new Result<IReadOnlyList<SetConstraint>>(await ConstraintsAsync(programmeId, cancellationToken), null);
    }

    public async Task<Result<PagedList<SetConstraint>>> ConstraintsAsync(Guid programmeId, PageRequest request, Actor actor, CancellationToken cancellationToken) =>
        await access.ManagerOrNotFoundAsync(actor, programmeId, cancellationToken) is { } denied
            ? denied
            : (await ConstraintsAsync(programmeId, cancellationToken)).ToPagedList(request);

    public async Task<IReadOnlyList<SetConstraint>> ConstraintsAsync(Guid programmeId, CancellationToken cancellationToken) =>
        await db.MatchingConstraints.AsNoTracking().Where(c => c.ProgrammeId == programmeId)
            .Select(c => new SetConstraint(c.DigitalMentorId, c.ExperienceMentorId, c.Kind)).ToListAsync(cancellationToken);

    /// <summary>Publishes the latest draft as proposed pairs, unless it is stale (see <see cref="IsStaleAsync"/>).</summary>
    public async Task<Result<PublishOutcome>> PublishAsync(Guid programmeId, Guid runId, Actor actor, CancellationToken cancellationToken)
    {
        var (programme, problem) = await ManagedProgrammeAsync(programmeId, actor, cancellationToken, tracked: true);
        if (problem is not null)
        {
            return problem;
        }

        var run = await db.MatchingRuns.Include(r => r.Proposals).SingleOrDefaultAsync(r => r.Id == runId && r.ProgrammeId == programmeId, cancellationToken);
        if (run is null)
        {
            return Problem.NotFound(localizer["Matching.RunNotFound"]);
        }

        if (run.PublishedUtc is not null)
        {
            return Problem.Conflict(localizer["Matching.AlreadyPublished"]);
        }

        if (await IsStaleAsync(programmeId, run.CreatedUtc, LockedPairs(run), cancellationToken))
        {
            return Problem.Conflict(localizer["Matching.Stale"]);
        }

        var now = time.GetUtcNow().UtcDateTime;
        Publish(db, programme!, run, actor.UserId, now);
        await notifications.ProposedAsync(programme!, [.. run.Proposals.Select(p => (p.DigitalMentorId, p.ExperienceMentorId))], cancellationToken);
        // Another HR user published (or edited the programme) at the same moment: their change won, ours is not written.
        return await db.SaveOrProblemAsync(Problem.Conflict(localizer["Programme.Stale"]), cancellationToken)
            ?? new Result<PublishOutcome>(new PublishOutcome(run.Proposals.Count), null);
    }

    /// <summary>What publishing the draft would do, for the confirmation HR gives before it happens.</summary>
    public async Task<Result<PublishPreview>> PreviewPublishAsync(Guid programmeId, Guid runId, Actor actor, CancellationToken cancellationToken)
    {
        var (programme, problem) = await ManagedProgrammeAsync(programmeId, actor, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var run = await db.MatchingRuns.AsNoTracking().Include(r => r.Proposals).Include(r => r.Unmatched)
            .SingleOrDefaultAsync(r => r.Id == runId && r.ProgrammeId == programmeId && r.PublishedUtc == null, cancellationToken);
        if (run is null)
        {
            return Problem.NotFound(localizer["Matching.RunNotFound"]);
        }

        var people = run.Proposals.SelectMany(p => new[] { p.DigitalMentorId, p.ExperienceMentorId }).Distinct().ToList();
        var withoutEmail = await db.People.CountAsync(p => people.Contains(p.Id) && (p.Email == null || p.Email == ""), cancellationToken);
        var cohort = await MatchingCohort.LoadAsync(db, programme!, cancellationToken);
        var paired = await db.Pairs.Where(p => p.ProgrammeId == programmeId).Open()
            .Select(p => new[] { p.DigitalMentorId, p.ExperienceMentorId }).ToListAsync(cancellationToken);
        var inPairs = paired.SelectMany(p => p).ToHashSet();
        var enrolled = await (
            from participant in db.Participants
            join person in db.People on participant.PersonId equals person.Id
            where participant.ProgrammeId == programmeId && participant.Status == ParticipantStatus.Enrolled && person.DeactivatedUtc == null
            select participant.PersonId).ToListAsync(cancellationToken);
        var unassessed = enrolled.Count(id => !inPairs.Contains(id)) - cohort.DigitalMentors.Count - cohort.ExperienceMentors.Count;
        var stale = await IsStaleAsync(programmeId, run.CreatedUtc, LockedPairs(run), cancellationToken);
        return new PublishPreview(run.Id, run.Proposals.Count, people.Count, withoutEmail, Math.Max(0, unassessed), run.Unmatched.Count, stale);
    }

    /// <summary>
    /// Whether HR's locks and exclusions are no longer those the run applied: one was added since, or a lock the run
    /// kept is gone. Then the draft is not what the rules now ask for, and its optimum is no longer claimed.
    /// </summary>
    public async Task<bool> ConstraintsChangedSinceAsync(Guid programmeId, DateTime runCreatedUtc, IReadOnlyCollection<(Guid DigitalMentorId, Guid ExperienceMentorId)> runLocks, CancellationToken cancellationToken)
    {
        if (await db.MatchingConstraints.AnyAsync(c => c.ProgrammeId == programmeId && c.CreatedUtc > runCreatedUtc, cancellationToken))
        {
            return true;
        }

        var locks = await db.MatchingConstraints.AsNoTracking().Where(c => c.ProgrammeId == programmeId && c.Kind == ConstraintKind.Lock)
            .Select(c => new { c.DigitalMentorId, c.ExperienceMentorId }).ToListAsync(cancellationToken);
        return runLocks.Any(l => !locks.Contains(new { l.DigitalMentorId, l.ExperienceMentorId }));
    }

    /// <summary>
    /// A draft is stale when a newer run exists or when an assessment, an enrolment or a lock/exclusion changed after
    /// it: publishing it would not publish what HR reviewed.
    /// </summary>
    private async Task<bool> IsStaleAsync(Guid programmeId, DateTime runCreatedUtc, IReadOnlyCollection<(Guid, Guid)> runLocks, CancellationToken cancellationToken) =>
        await db.MatchingRuns.AnyAsync(r => r.ProgrammeId == programmeId && r.CreatedUtc > runCreatedUtc, cancellationToken)
        || await db.Assessments.AnyAsync(a => a.SubmittedUtc > runCreatedUtc && db.Participants.Any(p => p.Id == a.ParticipantId && p.ProgrammeId == programmeId), cancellationToken)
        || await db.Participants.AnyAsync(p => p.ProgrammeId == programmeId && p.EnrolledUtc > runCreatedUtc, cancellationToken)
        || await ConstraintsChangedSinceAsync(programmeId, runCreatedUtc, runLocks, cancellationToken);

    private static List<(Guid, Guid)> LockedPairs(MatchingRun run) => [.. run.Proposals.Where(p => p.Locked).Select(p => (p.DigitalMentorId, p.ExperienceMentorId))];

    /// <summary>
    /// What publishing writes: a proposed pair (and its first event) for each proposal, the run marked published,
    /// the programme running. The demo seeder replays a past publication with it, without telling anyone again.
    /// </summary>
    internal static void Publish(AppDbContext db, Programme programme, MatchingRun run, Guid byUser, DateTime now)
    {
        foreach (var proposal in run.Proposals)
        {
            var pair = new Pair
            {
                ProgrammeId = programme.Id,
                RunId = run.Id,
                DigitalMentorId = proposal.DigitalMentorId,
                ExperienceMentorId = proposal.ExperienceMentorId,
                Score = proposal.Score,
                Explanation = proposal.Explanation,
                CreatedUtc = now,
            };
            db.Pairs.Add(pair);
            db.PairEvents.Add(new PairEvent { PairId = pair.Id, AtUtc = now, ByUserId = byUser, To = PairState.Proposed });
        }

        run.PublishedUtc = now;
        programme.Status = ProgrammeStatus.Running;
        programme.Touch(now);
    }

    private async Task<(Programme? Programme, Problem? Problem)> ManagedProgrammeAsync(Guid programmeId, Actor actor, CancellationToken cancellationToken, bool tracked = false)
    {
        if (await access.ManagerProblemAsync(actor, programmeId, cancellationToken) is { } denied)
        {
            return (null, denied);
        }

        var query = tracked ? db.Programmes : db.Programmes.AsNoTracking();
        return (await query.SingleAsync(p => p.Id == programmeId, cancellationToken), null);
    }

    private static MatchingRunView ToView(MatchingRun run) => new(
        run.Id, run.ProgrammeId, run.CreatedUtc, run.Objective, run.Verified, run.PublishedUtc is not null,
        [.. run.Proposals.OrderByDescending(p => p.Score).Select(p => new ProposalView(p.DigitalMentorId, p.ExperienceMentorId, p.Score, p.Locked, JsonSerializer.Deserialize<PairExplanation>(p.Explanation, _json)!))],
        [.. run.Unmatched.Select(u => new UnmatchedView(u.PersonId, Enum.Parse<Side>(u.Side), u.Reason))],
        run.Mode, run.BlockingPairs);
}
