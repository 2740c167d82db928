using Reciproca.Matching.Scoring;
using Reciproca.Matching.Stable;
using Reciproca.Web.Features.Programmes;

namespace Reciproca.Web.Features.Matching;

/// <summary>
/// A run in "participants choose" mode (ADR 0016): deferred acceptance on the participants' rankings, the side the
/// programme names proposing, HR's locks fixed first. Each person's preference list is their ranking (only allowed
/// partners count), followed by every other allowed partner by score, so a person who ranked nobody, or whose
/// ranked candidates went elsewhere, still gets the partner the scores suggest rather than nobody.
/// </summary>
public static class StableRun
{
    /// <summary>The proposals and unmatched people as a matching outcome, and the matching's blocking pairs (locks included).</summary>
    public static (MatchingOutcome Outcome, int BlockingPairs) Match(MatchingCohort cohort, IReadOnlyDictionary<Guid, IReadOnlyList<Guid>> rankings, Side proposing)
    {
        var juniors = cohort.DigitalMentors;
        var seniors = cohort.ExperienceMentors;
        var scorer = new ReciprocalScorer(juniors, seniors, cohort.Rules with { Locks = [] });
        var evaluations = new PairEvaluation[juniors.Count, seniors.Count];
        for (var j = 0; j < juniors.Count; j++)
        {
            for (var s = 0; s < seniors.Count; s++)
            {
                evaluations[j, s] = scorer.Evaluate(j, s);
            }
        }

        var juniorPrefs = Enumerable.Range(0, juniors.Count).Select(j => Preferences(juniors[j].Id, seniors, s => evaluations[j, s], rankings)).ToArray();
        var seniorPrefs = Enumerable.Range(0, seniors.Count).Select(s => Preferences(seniors[s].Id, juniors, j => evaluations[j, s], rankings)).ToArray();

        // Locks first: they take their people's places, and the rest is matched around them.
        var juniorLeft = juniors.Select(p => p.Capacity).ToArray();
        var seniorLeft = seniors.Select(p => p.Capacity).ToArray();
        var locked = new List<(int Junior, int Senior)>();
        foreach (var lockPair in cohort.Rules.Locks)
        {
            if (scorer.TryGetJuniorIndex(lockPair.JuniorId, out var j) && scorer.TryGetSeniorIndex(lockPair.SeniorId, out var s) && juniorLeft[j] > 0 && seniorLeft[s] > 0)
            {
                juniorLeft[j]--;
                seniorLeft[s]--;
                locked.Add((j, s));
            }
        }

        // A locked pair is not matched again by the run: with room on both sides it could otherwise come out twice.
        var lockedSet = locked.ToHashSet();
        IReadOnlyList<IReadOnlyList<int>> freeJuniorPrefs = [.. juniorPrefs.Select((list, j) => (IReadOnlyList<int>)(juniorLeft[j] > 0 ? [.. list.Where(s => seniorLeft[s] > 0 && !lockedSet.Contains((j, s)))] : []))];
        IReadOnlyList<IReadOnlyList<int>> freeSeniorPrefs = [.. seniorPrefs.Select((list, s) => (IReadOnlyList<int>)(seniorLeft[s] > 0 ? [.. list.Where(j => juniorLeft[j] > 0 && !lockedSet.Contains((j, s)))] : []))];

        // Deferred acceptance is symmetric: with experience mentors proposing, the sides simply swap roles.
        var matched = proposing == Side.DigitalMentor
            ? StableMatcher.Match(freeJuniorPrefs, freeSeniorPrefs, seniorLeft, juniorLeft).Pairs
            : [.. StableMatcher.Match(freeSeniorPrefs, freeJuniorPrefs, juniorLeft, seniorLeft).Pairs.Select(p => (Junior: p.Senior, Senior: p.Junior))];

        var pairs = locked.Concat(matched).ToList();
        var blocking = StableMatcher.CountBlockingPairs(juniorPrefs, seniorPrefs, pairs, [.. seniors.Select(p => p.Capacity)], [.. juniors.Select(p => p.Capacity)]);
        var proposals = pairs.OrderBy(p => p.Junior).ThenBy(p => p.Senior).Select(p =>
        {
            var evaluation = evaluations[p.Junior, p.Senior];
            var isLocked = lockedSet.Contains(p);
            var explanation = isLocked ? evaluation.Explanation with { Rules = [RuleCode.HrLock, .. evaluation.Explanation.Rules] } : evaluation.Explanation;
            return new MatchProposal(juniors[p.Junior].Id, seniors[p.Senior].Id, evaluation.Score, isLocked, explanation);
        }).ToList();

        var paired = proposals.SelectMany(p => new[] { p.JuniorId, p.SeniorId }).ToHashSet();
        var unmatched = juniors.Select((p, j) => (p, Side: MatchingSide.Junior, HasOption: juniorPrefs[j].Count > 0))
            .Concat(seniors.Select((p, s) => (p, Side: MatchingSide.Senior, HasOption: seniorPrefs[s].Count > 0)))
            .Where(x => !paired.Contains(x.p.Id))
            .Select(x => new UnmatchedPerson(x.p.Id, x.Side, x.p.Capacity == 0 ? UnmatchedReason.NoCapacity : x.HasOption ? UnmatchedReason.PartnersTakenByBetterPairs : UnmatchedReason.NoEligiblePartner))
            .ToList();
        return (new MatchingOutcome { Proposals = proposals, Unmatched = unmatched, TotalScore = proposals.Sum(p => p.Score), Verified = false }, blocking);
    }

    /// <summary>A person's acceptable partners: their ranking first (allowed ones only), then the other allowed partners by score.</summary>
    private static List<int> Preferences(Guid personId, IReadOnlyList<MatchingPerson> others, Func<int, PairEvaluation> evaluation, IReadOnlyDictionary<Guid, IReadOnlyList<Guid>> rankings)
    {
        var index = others.Select((p, i) => (p.Id, i)).ToDictionary(x => x.Id, x => x.i);
        var ranked = (rankings.GetValueOrDefault(personId) ?? []).Where(index.ContainsKey).Select(id => index[id]).Where(i => evaluation(i).IsAllowed).Distinct().ToList();
        var rest = Enumerable.Range(0, others.Count).Where(i => evaluation(i).IsAllowed && !ranked.Contains(i)).OrderByDescending(i => evaluation(i).Score);
        return [.. ranked, .. rest];
    }
}
