using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.Extensions.Localization;
using Reciproca.Matching.Scoring;
using Reciproca.Web.Features.Programmes;
using Reciproca.Web.Infrastructure.Auth;
using Reciproca.Web.Infrastructure.Data;
using Reciproca.Web.Infrastructure.Web;

namespace Reciproca.Web.Features.Matching;

/// <summary>One place of a participant's ranking of their candidates (1 = most preferred), in a programme where participants choose.</summary>
public sealed class ParticipantRanking
{
    public Guid ProgrammeId { get; set; }

    public Guid PersonId { get; set; }

    public Guid CandidateId { get; set; }

    public int Rank { get; set; }

    public DateTime RankedUtc { get; set; }
}

/// <summary>A candidate as the ranking person sees them: name, job and department only, with why the pair would work.</summary>
public sealed record RankingCandidate(Guid PersonId, string Name, string? JobTitle, string? Department, long Score, PairExplanation Explanation, int? Rank);

/// <summary>A participant's best candidates (at most five) and their ranking of them.</summary>
public sealed record RankingView(Guid PersonId, Side Side, IReadOnlyList<RankingCandidate> Candidates, DateTime? RankedUtc);

/// <summary>The candidates' ids, most preferred first: a subset of the five candidates, each once.</summary>
public sealed record SubmitRanking(IReadOnlyList<Guid> Ranked);

/// <summary>
/// "Participants choose": each participant of the pool sees their five best candidates on the other side (by the
/// same reciprocal score the engine optimises, hard rules and HR's exclusions applied) and ranks them. The ranking is
/// the person's own: only they submit it; HR managing the programme may read it; nobody else learns it exists.
/// </summary>
public sealed class RankingHandlers(AppDbContext db, ProgrammeAccess access, TimeProvider time, IStringLocalizer<SharedResource> localizer)
{
    public const int Candidates = 5;

    public async Task<Result<RankingView>> GetAsync(Guid programmeId, Guid personId, Actor actor, CancellationToken cancellationToken)
    {
        if (await ScopeProblemAsync(programmeId, personId, actor, forWriting: false, cancellationToken) is { } problem)
        {
            return problem;
        }

        return await ViewAsync(programmeId, personId, cancellationToken);
    }

    public async Task<Result<RankingView>> SubmitAsync(Guid programmeId, Guid personId, SubmitRanking command, Actor actor, CancellationToken cancellationToken)
    {
        if (await ScopeProblemAsync(programmeId, personId, actor, forWriting: true, cancellationToken) is { } problem)
        {
            return problem;
        }

        var current = await ViewAsync(programmeId, personId, cancellationToken);
        if (!current.Succeeded)
        {
            return current;
        }

        var ranked = command.Ranked ?? [];
        var candidates = current.Value!.Candidates.Select(c => c.PersonId).ToHashSet();
        if (ranked.Count != ranked.Distinct().Count() || ranked.Any(id => !candidates.Contains(id)))
        {
            return Problem.Validation("ranked", localizer["Ranking.NotCandidates", Candidates]);
        }

        var now = time.GetUtcNow().UtcDateTime;
        await db.ParticipantRankings.Where(r => r.ProgrammeId == programmeId && r.PersonId == personId).ExecuteDeleteAsync(cancellationToken);
        db.ParticipantRankings.AddRange(ranked.Select((id, i) => new ParticipantRanking { ProgrammeId = programmeId, PersonId = personId, CandidateId = id, Rank = i + 1, RankedUtc = now }));
        await db.SaveChangesAsync(cancellationToken);
        return await ViewAsync(programmeId, personId, cancellationToken);
    }

    /// <summary>Every ranking of the programme, person to candidates in order (for the stable run).</summary>
    public static async Task<Dictionary<Guid, IReadOnlyList<Guid>>> AllAsync(AppDbContext db, Guid programmeId, CancellationToken cancellationToken) =>
        (await db.ParticipantRankings.AsNoTracking().Where(r => r.ProgrammeId == programmeId).ToListAsync(cancellationToken))
            .GroupBy(r => r.PersonId)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<Guid>)[.. g.OrderBy(r => r.Rank).Select(r => r.CandidateId)]);

    /// <summary>
    /// Writing is the person's own; reading is the person's or the programme's managers'. Anybody else gets the same
    /// 404 as for a programme they cannot see, so a candidate list's existence is not disclosed.
    /// </summary>
    private async Task<Problem?> ScopeProblemAsync(Guid programmeId, Guid personId, Actor actor, bool forWriting, CancellationToken cancellationToken)
    {
        var own = actor.PersonId == personId
            && await db.Participants.AnyAsync(p => p.ProgrammeId == programmeId && p.PersonId == personId && p.Status == ParticipantStatus.Enrolled, cancellationToken);
        if (own || (!forWriting && await access.CanManageAsync(actor, programmeId, cancellationToken)))
        {
            var mode = await db.Programmes.Where(p => p.Id == programmeId).Select(p => p.Rules.Mode).SingleAsync(cancellationToken);
            return mode == MatchingMode.ParticipantsRank ? null : Problem.Conflict(localizer["Ranking.NotThisProgramme"]);
        }

        return Problem.NotFound(localizer["Ranking.NotFound"]);
    }

    private async Task<Result<RankingView>> ViewAsync(Guid programmeId, Guid personId, CancellationToken cancellationToken)
    {
        var programme = await db.Programmes.AsNoTracking().SingleAsync(p => p.Id == programmeId, cancellationToken);
        var cohort = await MatchingCohort.LoadAsync(db, programme, cancellationToken);
        var digital = cohort.DigitalMentors.Any(p => p.Id == personId);
        if (!digital && cohort.ExperienceMentors.All(p => p.Id != personId))
        {
            return Problem.Conflict(localizer["Ranking.NotInPool"]);
        }

        var scorer = new ReciprocalScorer(cohort.DigitalMentors, cohort.ExperienceMentors, cohort.Rules with { Locks = [] });
        var best = BestCandidates(scorer, personId, digital);
        var ranks = await db.ParticipantRankings.AsNoTracking().Where(r => r.ProgrammeId == programmeId && r.PersonId == personId).ToListAsync(cancellationToken);
        var ids = best.Select(b => b.Id).ToList();
        var people = await db.People.AsNoTracking().Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, cancellationToken);
        return new RankingView(personId, digital ? Side.DigitalMentor : Side.ExperienceMentor,
            [.. best.Select(b => new RankingCandidate(b.Id, people[b.Id].DisplayName, people[b.Id].JobTitle, people[b.Id].Department, b.Evaluation.Score, b.Evaluation.Explanation, ranks.FirstOrDefault(r => r.CandidateId == b.Id)?.Rank))],
            ranks.Count > 0 ? ranks.Max(r => r.RankedUtc) : null);
    }

    /// <summary>The allowed partners of a person by score, highest first (ties in the cohort's HR-key order), at most five.</summary>
    internal static List<(Guid Id, PairEvaluation Evaluation)> BestCandidates(ReciprocalScorer scorer, Guid personId, bool digital, int count = Candidates)
    {
        var others = digital ? scorer.Seniors : scorer.Juniors;
        return [.. others.Select(other => (other.Id, Evaluation: digital ? ReciprocalMatcher.Explain(scorer, personId, other.Id) : ReciprocalMatcher.Explain(scorer, other.Id, personId)))
            .Where(c => c.Evaluation.IsAllowed)
            .OrderByDescending(c => c.Evaluation.Score)
            .Take(count)];
    }
}

internal sealed class ParticipantRankingConfiguration : IEntityTypeConfiguration<ParticipantRanking>
{
    public void Configure(EntityTypeBuilder<ParticipantRanking> builder)
    {
        builder.ToTable("ParticipantRankings");
        builder.HasKey(r => new { r.ProgrammeId, r.PersonId, r.CandidateId });
        builder.HasOne<Programme>().WithMany().HasForeignKey(r => r.ProgrammeId).OnDelete(DeleteBehavior.Cascade);
    }
}
