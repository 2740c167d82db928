using Microsoft.EntityFrameworkCore;
using Reciproca.Matching.Scoring;
using Reciproca.Web.Features.Assessments;
using Reciproca.Web.Features.Pairs;
using Reciproca.Web.Features.Programmes;
using Reciproca.Web.Infrastructure.Data;
using EngineRules = Reciproca.Matching.Scoring.MatchingRules;

namespace Reciproca.Web.Features.Matching;

/// <summary>The engine's input for a programme: who is in the pool on each side, and HR's rules.</summary>
public sealed record MatchingCohort(IReadOnlyList<MatchingPerson> DigitalMentors, IReadOnlyList<MatchingPerson> ExperienceMentors, EngineRules Rules)
{
    /// <summary>
    /// Builds the pool from the database: enrolled participants with a submitted (not draft) assessment with a side, who still have room for a
    /// partner: their side's capacity less the open pairs they are already in (after a decline, the rest of the cohort keeps its partners and only
    /// the pool is re-run). An open pair is never proposed again.
    /// People are ordered by their HR key, so that equal-score ties break the same way on every installation.
    /// </summary>
    public static async Task<MatchingCohort> LoadAsync(AppDbContext db, Programme programme, CancellationToken cancellationToken)
    {
        var paired = await db.Pairs.Where(p => p.ProgrammeId == programme.Id).Open()
            .Select(p => new { p.DigitalMentorId, p.ExperienceMentorId }).ToListAsync(cancellationToken);
        var openPairs = paired.SelectMany(p => new[] { p.DigitalMentorId, p.ExperienceMentorId }).CountBy(id => id).ToDictionary();

        var rows = await (
            from participant in db.Participants.AsNoTracking()
            join assessment in db.Assessments.AsNoTracking().Include(a => a.Levels) on participant.Id equals assessment.ParticipantId
            join person in db.People.AsNoTracking() on participant.PersonId equals person.Id
            where participant.ProgrammeId == programme.Id && participant.Status == ParticipantStatus.Enrolled && person.DeactivatedUtc == null
                && assessment.SubmittedUtc != null
            select new { participant, assessment, person.ExternalId, person.Department, person.Location, person.ManagerId, PersonLanguages = person.Languages })
            // One query per collection: joined, 21 levels per person would repeat every column 21 times.
            .AsSplitQuery()
            .ToListAsync(cancellationToken);

        var depth = programme.Rules.ReportingLineDepth;
        var managers = depth == 0
            ? new Dictionary<Guid, Guid?>()
            : await db.People.AsNoTracking().Select(p => new { p.Id, p.ManagerId }).ToDictionaryAsync(p => p.Id, p => p.ManagerId, cancellationToken);

        var digital = new List<MatchingPerson>();
        var experience = new List<MatchingPerson>();
        foreach (var row in rows.Where(r => r.participant.Side is not null).OrderBy(r => r.ExternalId, StringComparer.Ordinal))
        {
            var side = row.participant.Side!.Value;
            var room = (side == Side.ExperienceMentor ? programme.Rules.ExperienceMentorCapacity : programme.Rules.DigitalMentorCapacity)
                - openPairs.GetValueOrDefault(row.participant.PersonId);
            if (room <= 0)
            {
                continue;
            }

            // Codes only: values typed before languages were chosen from a list ("italiano") are mapped or dropped.
            var languages = LanguageCatalogue.Normalise(row.assessment.Languages);
            languages = languages.Count > 0 ? languages : LanguageCatalogue.Normalise(row.PersonLanguages);
            var person = new MatchingPerson
            {
                Id = row.participant.PersonId,
                DigitalLevels = row.assessment.Levels.ToDictionary(l => l.CompetenceId, l => l.Level),
                WantedCompetences = row.assessment.WantedCompetences,
                OfferedTopics = row.assessment.OfferedTopics,
                WantedTopics = row.assessment.WantedTopics,
                // With the common-language rule off, everybody shares a placeholder language.
                Languages = programme.Rules.RequireCommonLanguage ? languages : ["*"],
                Department = row.Department,
                Location = row.Location,
                ManagerChain = ManagerChain(row.ManagerId, managers, depth),
                Capacity = room,
            };
            (side == Side.DigitalMentor ? digital : experience).Add(person);
        }

        // Oldest first: when locks exceed what someone can take (the rules changed since), the earlier locks are kept.
        var constraints = await db.MatchingConstraints.AsNoTracking().Where(c => c.ProgrammeId == programme.Id).OrderBy(c => c.CreatedUtc).ToListAsync(cancellationToken);
        var rules = new EngineRules
        {
            ReportingLineDepth = depth,
            // Programme weights are percentages of a perfect reciprocal score.
            DifferentDepartmentBonus = programme.Rules.OtherDepartmentWeight * ReciprocalScorer.ScoreScale / 100,
            DifferentLocationBonus = programme.Rules.OtherLocationWeight * ReciprocalScorer.ScoreScale / 100,
            MinimumScore = programme.Rules.MinimumScore,
            Locks = [.. constraints.Where(c => c.Kind == ConstraintKind.Lock).Select(c => new PairKey(c.DigitalMentorId, c.ExperienceMentorId))],
            Exclusions = [
                .. constraints.Where(c => c.Kind == ConstraintKind.Exclude).Select(c => new PairKey(c.DigitalMentorId, c.ExperienceMentorId)),
                .. paired.Select(p => new PairKey(p.DigitalMentorId, p.ExperienceMentorId)),
            ],
        };
        return new MatchingCohort(digital, experience, rules);
    }

    private static List<Guid> ManagerChain(Guid? manager, Dictionary<Guid, Guid?> managers, int depth)
    {
        var chain = new List<Guid>(depth);
        while (manager is { } id && chain.Count < depth && !chain.Contains(id))
        {
            chain.Add(id);
            manager = managers.GetValueOrDefault(id);
        }

        return chain;
    }
}
