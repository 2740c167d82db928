using Microsoft.EntityFrameworkCore;
using Reciproca.Web.Features.Assessments;
using Reciproca.Web.Features.Programmes;
using Reciproca.Web.Infrastructure.Data;

namespace Reciproca.Web.Features.Matching;

/// <summary>What the review page shows besides the run: the pool by side, names, decline reasons, topics.</summary>
public sealed record ReviewData(
    string ProgrammeName,
    IReadOnlyDictionary<Guid, string> Names,
    IReadOnlyList<(Guid Id, string Name)> DigitalMentors,
    IReadOnlyList<(Guid Id, string Name)> ExperienceMentors,
    IReadOnlyDictionary<Guid, string?> DeclineReasons,
    IReadOnlyDictionary<string, ExperienceTopic> Topics,
    MatchingRules Rules);

/// <summary>
/// The review page's reads across the cohort, pairs and topics, in one query class on purpose (ARCHITECTURE.md,
/// reporting reads) rather than in the page. The caller has checked that the actor manages the programme.
/// </summary>
public sealed class ReviewQuery(AppDbContext db)
{
    public async Task<ReviewData> LoadAsync(Guid programmeId, CancellationToken cancellationToken)
    {
        var programme = await db.Programmes.AsNoTracking().Where(p => p.Id == programmeId).Select(p => new { p.Name, p.Rules }).SingleAsync(cancellationToken);
        var pool = await (
            from participant in db.Participants.AsNoTracking()
            join person in db.People.AsNoTracking() on participant.PersonId equals person.Id
            where participant.ProgrammeId == programmeId && participant.Status == ParticipantStatus.Enrolled
            orderby person.DisplayName
            select new { participant.PersonId, person.DisplayName, participant.ProposedSide, participant.SideOverride })
            .ToListAsync(cancellationToken);
        List<(Guid, string)> Side(Side side) =>
            [.. pool.Where(p => Participant.EffectiveSide(p.ProposedSide, p.SideOverride) == side).Select(p => (p.PersonId, p.DisplayName))];
        var reasons = await db.Pairs.AsNoTracking().Where(p => p.ProgrammeId == programmeId && p.EndReason != null)
            .ToDictionaryAsync(p => p.Id, p => p.EndReason, cancellationToken);
        var topics = await db.ExperienceTopics.AsNoTracking().ToDictionaryAsync(t => t.Key, cancellationToken);
        return new ReviewData(programme.Name, pool.ToDictionary(p => p.PersonId, p => p.DisplayName), Side(Programmes.Side.DigitalMentor), Side(Programmes.Side.ExperienceMentor), reasons, topics, programme.Rules);
    }

    /// <summary>The names of some of the programme's participants (for the sentence confirming an action on them).</summary>
    public async Task<Dictionary<Guid, string>> NamesAsync(Guid programmeId, IReadOnlyCollection<Guid> personIds, CancellationToken cancellationToken) =>
        await (
            from participant in db.Participants.AsNoTracking()
            join person in db.People.AsNoTracking() on participant.PersonId equals person.Id
            where participant.ProgrammeId == programmeId && personIds.Contains(person.Id)
            select new { person.Id, person.DisplayName })
            .ToDictionaryAsync(p => p.Id, p => p.DisplayName, cancellationToken);
}
