using Reciproca.Matching.Scoring;

namespace Reciproca.Matching.Tests.Scoring;

public sealed class ReciprocalMatcherTests
{
    [Fact]
    public void Proposes_the_pairs_of_maximum_total_score_and_explains_each()
    {
        var random = new Random(11);
        var juniors = Enumerable.Range(0, 25).Select(i => ReciprocalScorerTests.RandomPerson(random, i) with { Capacity = 1 }).ToList();
        var seniors = Enumerable.Range(100, 20).Select(i => ReciprocalScorerTests.RandomPerson(random, i)).ToList();

        var outcome = ReciprocalMatcher.Match(juniors, seniors);

        Assert.True(outcome.Verified);
        Assert.NotEmpty(outcome.Proposals);
        Assert.Equal(outcome.TotalScore, outcome.Proposals.Sum(p => p.Score));
        foreach (var proposal in outcome.Proposals)
        {
            var explained = ReciprocalMatcher.Explain(juniors, seniors, MatchingRules.Default, proposal.JuniorId, proposal.SeniorId);
            Assert.True(explained.IsAllowed);
            Assert.Equal(explained.Score, proposal.Score);
            Assert.NotEmpty(proposal.Explanation.ToSenior);
            Assert.NotEmpty(proposal.Explanation.ToJunior);
        }

        var matchedIds = outcome.Proposals.SelectMany(p => new[] { p.JuniorId, p.SeniorId }).ToHashSet();
        Assert.All(outcome.Unmatched, u => Assert.DoesNotContain(u.PersonId, matchedIds));
        Assert.Equal(juniors.Count + seniors.Count, matchedIds.Count + outcome.Unmatched.Count);
    }

    [Fact]
    public void Total_score_equals_brute_force_on_small_programmes()
    {
        var random = new Random(12);
        for (var round = 0; round < 60; round++)
        {
            var juniors = Enumerable.Range(0, random.Next(1, 5)).Select(i => ReciprocalScorerTests.RandomPerson(random, i) with { Capacity = 1 }).ToList();
            var seniors = Enumerable.Range(100, random.Next(1, 5)).Select(i => ReciprocalScorerTests.RandomPerson(random, i)).ToList();
            var rules = new MatchingRules { MinimumScore = random.Next(0, 3000) };

            var outcome = ReciprocalMatcher.Match(juniors, seniors, rules);

            var scorer = new ReciprocalScorer(juniors, seniors, rules);
            var values = scorer.ScoreMatrix();
            var problem = new Reciproca.Matching.Assignment.AssignmentProblem(Reciproca.Matching.Assignment.CostMatrix.FromInt32(juniors.Count, seniors.Count, values))
            {
                Sense = Reciproca.Matching.Assignment.ObjectiveSense.Maximize,
                Partial = true,
                ColumnCapacities = seniors.Select(s => s.Capacity).ToArray(),
            };
            Assert.Equal(Support.BruteForce.Optimum(problem), outcome.TotalScore);
            Assert.True(outcome.Verified);
        }
    }

    [Fact]
    public void Capacities_on_both_sides_reach_the_brute_force_optimum_without_repeating_a_pair()
    {
        var random = new Random(13);
        for (var round = 0; round < 60; round++)
        {
            var juniors = Enumerable.Range(0, random.Next(1, 5)).Select(i => ReciprocalScorerTests.RandomPerson(random, i) with { Capacity = random.Next(1, 4) }).ToList();
            var seniors = Enumerable.Range(100, random.Next(1, 5)).Select(i => ReciprocalScorerTests.RandomPerson(random, i) with { Capacity = random.Next(1, 4) }).ToList();
            var rules = new MatchingRules { MinimumScore = random.Next(0, 3000) };

            var outcome = ReciprocalMatcher.Match(juniors, seniors, rules);

            var values = new ReciprocalScorer(juniors, seniors, rules).ScoreMatrix();
            var problem = new Reciproca.Matching.Assignment.AssignmentProblem(Reciproca.Matching.Assignment.CostMatrix.FromInt32(juniors.Count, seniors.Count, values))
            {
                Sense = Reciproca.Matching.Assignment.ObjectiveSense.Maximize,
                Partial = true,
                RowCapacities = juniors.Select(j => j.Capacity).ToArray(),
                ColumnCapacities = seniors.Select(s => s.Capacity).ToArray(),
            };
            Assert.Equal(Support.BruteForce.Optimum(problem), outcome.TotalScore);
            Assert.True(outcome.Verified);
            Assert.Equal(outcome.Proposals.Count, outcome.Proposals.Select(p => (p.JuniorId, p.SeniorId)).Distinct().Count());
            Assert.All(juniors, j => Assert.True(outcome.Proposals.Count(p => p.JuniorId == j.Id) <= j.Capacity));
            Assert.All(seniors, s => Assert.True(outcome.Proposals.Count(p => p.SeniorId == s.Id) <= s.Capacity));
        }
    }

    [Fact]
    public void A_junior_and_a_senior_with_capacity_two_are_paired_once_and_each_takes_a_second_partner()
    {
        var juniors = new[] { People.Junior(1) with { Capacity = 2 }, People.Junior(3) };
        var seniors = new[] { People.Senior(2) with { Capacity = 2 }, People.Senior(4) };

        var outcome = ReciprocalMatcher.Match(juniors, seniors);

        Assert.True(outcome.Verified);
        Assert.Single(outcome.Proposals, p => p.JuniorId == People.Id(1) && p.SeniorId == People.Id(2));
        Assert.Equal(2, outcome.Proposals.Count(p => p.JuniorId == People.Id(1)));
        Assert.Equal(2, outcome.Proposals.Count(p => p.SeniorId == People.Id(2)));
    }

    [Fact]
    public void A_senior_with_capacity_two_takes_two_juniors()
    {
        var juniors = new[] { People.Junior(1), People.Junior(3) };
        var seniors = new[] { People.Senior(2) with { Capacity = 2 }, People.Senior(4, offeredTopics: ["gardening"]) };

        var outcome = ReciprocalMatcher.Match(juniors, seniors);

        Assert.Equal(2, outcome.Proposals.Count);
        Assert.All(outcome.Proposals, p => Assert.Equal(People.Id(2), p.SeniorId));
        var unmatched = Assert.Single(outcome.Unmatched);
        Assert.Equal(People.Id(4), unmatched.PersonId);
        Assert.Equal(UnmatchedReason.NoEligiblePartner, unmatched.Reason);
    }

    [Fact]
    public void A_lock_forces_the_pair_even_against_the_rules_and_says_so()
    {
        var juniors = new[] { People.Junior(1), People.Junior(3) };
        var seniors = new[] { People.Senior(2), People.Senior(4) with { Languages = ["de"] } };
        var rules = new MatchingRules { Locks = [new PairKey(People.Id(1), People.Id(4))] };

        var outcome = ReciprocalMatcher.Match(juniors, seniors, rules);

        var locked = Assert.Single(outcome.Proposals, p => p.Locked);
        Assert.Equal(People.Id(4), locked.SeniorId);
        Assert.Equal(RuleCode.HrLock, locked.Explanation.Rules[0]);
        Assert.Contains(RuleCode.NoCommonLanguage, locked.Explanation.Rules);
        var other = Assert.Single(outcome.Proposals, p => !p.Locked);
        Assert.Equal((People.Id(3), People.Id(2)), (other.JuniorId, other.SeniorId));
    }

    [Fact]
    public void Someone_whose_partners_go_to_better_pairs_is_reported_as_such()
    {
        var juniors = new[] { People.Junior(1), People.Junior(3, wantedTopics: ["negotiation", "leadership", "x", "y"]) };
        var seniors = new[] { People.Senior(2) };

        var outcome = ReciprocalMatcher.Match(juniors, seniors);

        var proposal = Assert.Single(outcome.Proposals);
        Assert.Equal(People.Id(1), proposal.JuniorId);
        Assert.Equal(new UnmatchedPerson(People.Id(3), MatchingSide.Junior, UnmatchedReason.PartnersTakenByBetterPairs), Assert.Single(outcome.Unmatched));
    }

    [Fact]
    public void Explain_reports_the_forbidding_rule()
    {
        var juniors = new[] { People.Junior(1) with { ManagerChain = [People.Id(2)] } };
        var seniors = new[] { People.Senior(2) };

        var evaluation = ReciprocalMatcher.Explain(juniors, seniors, MatchingRules.Default, People.Id(1), People.Id(2));

        Assert.False(evaluation.IsAllowed);
        Assert.Equal(RuleCode.SameReportingLine, evaluation.ForbiddenBy);
    }

    [Fact]
    public void Rejects_a_lock_on_an_unknown_person_and_a_duplicate_id()
    {
        var rules = new MatchingRules { Locks = [new PairKey(Guid.NewGuid(), People.Id(2))] };

        Assert.Throws<ArgumentException>(() => ReciprocalMatcher.Match([People.Junior(1)], [People.Senior(2)], rules));
        Assert.Throws<ArgumentException>(() => ReciprocalMatcher.Match([People.Junior(1), People.Junior(1)], [People.Senior(2)]));
    }
}
