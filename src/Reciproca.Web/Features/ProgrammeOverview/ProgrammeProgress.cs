using Microsoft.EntityFrameworkCore;
using Reciproca.Web.Features.Matching;
using Reciproca.Web.Features.Pairs;
using Reciproca.Web.Features.Programmes;
using Reciproca.Web.Infrastructure.Data;

namespace Reciproca.Web.Features.ProgrammeOverview;

/// <summary>A programme's stage, the counts it was read from, and what to do next.</summary>
public sealed record ProgrammeProgressView(Guid Id, string Name, DateOnly StartsOn, DateOnly EndsOn, ProgrammeStage Stage, ProgrammeFacts Facts, IReadOnlyList<NextStep> Next);

/// <summary>
/// Programme-level counts only (people by status, pairs by state, whether a draft waits): what HR and sponsors may see
/// of every programme in their scope, in a handful of grouped queries whatever the number of programmes. The caller
/// passes the programmes already scoped to the actor (<see cref="ProgrammeAccess.Visible"/>).
/// </summary>
public sealed class ProgrammeProgressQuery(AppDbContext db, TimeProvider time)
{
    public async Task<IReadOnlyList<ProgrammeProgressView>> ForAsync(IQueryable<Programme> programmes, CancellationToken cancellationToken)
    {
        var list = await programmes.AsNoTracking().OrderByDescending(p => p.StartsOn).ThenBy(p => p.Id)
            .Select(p => new { p.Id, p.Name, p.StartsOn, p.EndsOn, p.Status }).ToListAsync(cancellationToken);
        var ids = list.Select(p => p.Id).ToList();
        var participants = db.Participants.AsNoTracking().Where(p => ids.Contains(p.ProgrammeId));
        var byStatus = await participants.GroupBy(p => new { p.ProgrammeId, p.Status })
            .Select(g => new { g.Key.ProgrammeId, g.Key.Status, Count = g.Count() }).ToListAsync(cancellationToken);
        var assessed = await participants.Enrolled().Assessed().GroupBy(p => p.ProgrammeId)
            .Select(g => new { Id = g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Id, g => g.Count, cancellationToken);
        var pairs = await db.Pairs.AsNoTracking().Where(p => ids.Contains(p.ProgrammeId)).Open().GroupBy(p => new { p.ProgrammeId, p.State })
            .Select(g => new { g.Key.ProgrammeId, g.Key.State, Count = g.Count() }).ToListAsync(cancellationToken);
        var drafts = await db.MatchingRuns.AsNoTracking().Where(r => ids.Contains(r.ProgrammeId) && r.PublishedUtc == null)
            .Select(r => r.ProgrammeId).Distinct().ToListAsync(cancellationToken);
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);

        return [.. list.Select(p =>
        {
            int People(ParticipantStatus status) => byStatus.Where(x => x.ProgrammeId == p.Id && x.Status == status).Sum(x => x.Count);
            int Pairs(PairState state) => pairs.Where(x => x.ProgrammeId == p.Id && x.State == state).Sum(x => x.Count);
            var facts = new ProgrammeFacts(
                p.Status, p.EndsOn, People(ParticipantStatus.Enrolled), assessed.GetValueOrDefault(p.Id), People(ParticipantStatus.Applied),
                drafts.Contains(p.Id), Pairs(PairState.Proposed), Pairs(PairState.Accepted), Pairs(PairState.Agreed), Pairs(PairState.Active));
            return new ProgrammeProgressView(p.Id, p.Name, p.StartsOn, p.EndsOn, ProgrammeStages.Of(facts, today), facts, ProgrammeStages.Next(facts, today));
        })];
    }

    public async Task<ProgrammeProgressView?> ForAsync(Guid programmeId, CancellationToken cancellationToken) =>
        (await ForAsync(db.Programmes.Where(p => p.Id == programmeId), cancellationToken)).SingleOrDefault();
}
