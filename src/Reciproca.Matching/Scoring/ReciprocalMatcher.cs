using Reciproca.Matching.Assignment;

namespace Reciproca.Matching.Scoring;

/// <summary>
/// Proposes the pairs of a programme: scores every pair, forces HR's locks, then solves an exact
/// maximum-weight matching (people may stay unmatched, capacities respected on both sides, no pair twice)
/// and explains every pair.
/// </summary>
/// <example>
/// <code>
/// var outcome = ReciprocalMatcher.Match(juniors, seniors, new MatchingRules { ReportingLineDepth = 3 });
/// foreach (var pair in outcome.Proposals) { /* pair.Score, pair.Explanation.ToSenior, ... */ }
/// var why = ReciprocalMatcher.Explain(juniors, seniors, rules, juniorId, seniorId);
/// </code>
/// </example>
public static class ReciprocalMatcher
{
    /// <summary>Computes the optimal proposals.</summary>
    /// <param name="juniors">Junior mentors.</param>
    /// <param name="seniors">Senior mentees.</param>
    /// <param name="rules">HR's rules; <see cref="MatchingRules.Default"/> when omitted.</param>
    /// <returns>Proposals, unmatched people with reasons, the total score and whether it was verified.</returns>
    /// <exception cref="ArgumentException">
    /// Duplicate or unknown ids, or a lock beyond someone's capacity. Capacities above one on both sides are
    /// allowed: each pair is then still proposed at most once (ADR 0017).
    /// </exception>
    public static MatchingOutcome Match(IReadOnlyList<MatchingPerson> juniors, IReadOnlyList<MatchingPerson> seniors, MatchingRules? rules = null)
    {
        var scorer = new ReciprocalScorer(juniors, seniors, rules ?? MatchingRules.Default);
        return Match(scorer);
    }

    /// <summary>Computes the optimal proposals with an already compiled scorer.</summary>
    /// <param name="scorer">The scorer holding people and rules.</param>
    /// <returns>The outcome.</returns>
    public static MatchingOutcome Match(ReciprocalScorer scorer)
    {
        ArgumentNullException.ThrowIfNull(scorer);
        var juniors = scorer.Juniors;
        var seniors = scorer.Seniors;
        var juniorLeft = juniors.Select(p => p.Capacity).ToArray();
        var seniorLeft = seniors.Select(p => p.Capacity).ToArray();
        if (juniorLeft.Any(c => c < 0) || seniorLeft.Any(c => c < 0))
        {
            throw new ArgumentException("Capacities cannot be negative.");
        }

        var proposals = new List<MatchProposal>();
        var locked = new HashSet<(int, int)>();
        foreach (var pair in scorer.Rules.Locks)
        {
            if (!scorer.TryGetJuniorIndex(pair.JuniorId, out var j) || !scorer.TryGetSeniorIndex(pair.SeniorId, out var s))
            {
                throw new ArgumentException($"Lock ({pair.JuniorId}, {pair.SeniorId}) names someone who is not in the programme.");
            }

            if (!locked.Add((j, s)) || --juniorLeft[j] < 0 || --seniorLeft[s] < 0)
            {
                throw new ArgumentException($"Lock ({pair.JuniorId}, {pair.SeniorId}) is repeated or exceeds a capacity.");
            }

            var evaluation = scorer.Evaluate(j, s);
            var explanation = evaluation.Explanation with { Rules = [RuleCode.HrLock, .. evaluation.Explanation.Rules] };
            proposals.Add(new MatchProposal(pair.JuniorId, pair.SeniorId, evaluation.Score, true, explanation));
        }

        var values = juniors.Count == 0 || seniors.Count == 0 ? [] : scorer.ScoreMatrix();
        var columns = seniors.Count;
        foreach (var (j, s) in locked)
        {
            values[(j * columns) + s] = CostMatrix.ForbiddenInt32;
        }

        var verified = true;
        if (values.Length > 0)
        {
            var problem = new AssignmentProblem(CostMatrix.FromInt32(juniors.Count, columns, values))
            {
                Sense = ObjectiveSense.Maximize,
                Partial = true,
                RowCapacities = juniorLeft,
                ColumnCapacities = seniorLeft,
            };
            var result = AssignmentSolver.Solve(problem);
            verified = AssignmentSolver.Verify(problem, result).IsOptimal;
            foreach (var pair in result.Pairs)
            {
                var evaluation = scorer.Evaluate(pair.Row, pair.Column);
                proposals.Add(new MatchProposal(juniors[pair.Row].Id, seniors[pair.Column].Id, pair.Cost, false, evaluation.Explanation));
            }
        }

        proposals.Sort((a, b) =>
        {
            scorer.TryGetJuniorIndex(a.JuniorId, out var ja);
            scorer.TryGetJuniorIndex(b.JuniorId, out var jb);
            scorer.TryGetSeniorIndex(a.SeniorId, out var sa);
            scorer.TryGetSeniorIndex(b.SeniorId, out var sb);
            return ja != jb ? ja.CompareTo(jb) : sa.CompareTo(sb);
        });
        return new MatchingOutcome
        {
            Proposals = proposals,
            Unmatched = Unmatched(scorer, values, proposals),
            TotalScore = proposals.Sum(p => p.Score),
            Verified = verified,
        };
    }

    /// <summary>Explains one pair: its score and contributions, or the rule that forbids it.</summary>
    /// <param name="juniors">Junior mentors.</param>
    /// <param name="seniors">Senior mentees.</param>
    /// <param name="rules">HR's rules.</param>
    /// <param name="juniorId">The junior.</param>
    /// <param name="seniorId">The senior.</param>
    /// <returns>The evaluation.</returns>
    public static PairEvaluation Explain(IReadOnlyList<MatchingPerson> juniors, IReadOnlyList<MatchingPerson> seniors, MatchingRules rules, Guid juniorId, Guid seniorId) =>
        Explain(new ReciprocalScorer(juniors, seniors, rules), juniorId, seniorId);

    /// <summary>Explains one pair with an already compiled scorer.</summary>
    /// <param name="scorer">The scorer.</param>
    /// <param name="juniorId">The junior.</param>
    /// <param name="seniorId">The senior.</param>
    /// <returns>The evaluation.</returns>
    public static PairEvaluation Explain(ReciprocalScorer scorer, Guid juniorId, Guid seniorId)
    {
        ArgumentNullException.ThrowIfNull(scorer);
        if (!scorer.TryGetJuniorIndex(juniorId, out var j))
        {
            throw new ArgumentException($"{juniorId} is not a junior of this programme.", nameof(juniorId));
        }

        if (!scorer.TryGetSeniorIndex(seniorId, out var s))
        {
            throw new ArgumentException($"{seniorId} is not a senior of this programme.", nameof(seniorId));
        }

        return scorer.Evaluate(j, s);
    }

    private static List<UnmatchedPerson> Unmatched(ReciprocalScorer scorer, int[] values, List<MatchProposal> proposals)
    {
        var juniors = scorer.Juniors;
        var seniors = scorer.Seniors;
        var paired = proposals.SelectMany(p => new[] { p.JuniorId, p.SeniorId }).ToHashSet();
        var juniorHasOption = new bool[juniors.Count];
        var seniorHasOption = new bool[seniors.Count];
        for (var j = 0; j < juniors.Count && values.Length > 0; j++)
        {
            for (var s = 0; s < seniors.Count; s++)
            {
                if (values[(j * seniors.Count) + s] != CostMatrix.ForbiddenInt32 && seniors[s].Capacity > 0)
                {
                    juniorHasOption[j] = true;
                    if (juniors[j].Capacity > 0)
                    {
                        seniorHasOption[s] = true;
                    }
                }
            }
        }

        var unmatched = new List<UnmatchedPerson>();
        for (var j = 0; j < juniors.Count; j++)
        {
            if (!paired.Contains(juniors[j].Id))
            {
                unmatched.Add(new UnmatchedPerson(juniors[j].Id, MatchingSide.Junior, Reason(juniors[j].Capacity, juniorHasOption[j])));
            }
        }

        for (var s = 0; s < seniors.Count; s++)
        {
            if (!paired.Contains(seniors[s].Id))
            {
                unmatched.Add(new UnmatchedPerson(seniors[s].Id, MatchingSide.Senior, Reason(seniors[s].Capacity, seniorHasOption[s])));
            }
        }

        return unmatched;
    }

    private static UnmatchedReason Reason(int capacity, bool hasOption) =>
        capacity == 0 ? UnmatchedReason.NoCapacity
        : hasOption ? UnmatchedReason.PartnersTakenByBetterPairs
        : UnmatchedReason.NoEligiblePartner;
}
