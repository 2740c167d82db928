using Reciproca.Matching.Assignment;
using Reciproca.Matching.Scoring;

namespace Reciproca.Matching.Tests.Scoring;

public sealed class ReciprocalScorerTests
{
    [Fact]
    public void A_pair_where_both_gain_fully_scores_the_scale_plus_bonuses()
    {
        var junior = People.Junior(1, levels => { levels["1.1"] = 8; levels["2.1"] = 8; levels["3.1"] = 8; }) with { WantedTopics = ["negotiation"] };
        var senior = People.Senior(2) with { DigitalLevels = DigComp.CompetenceIds.ToDictionary(id => id, _ => 1) };
        var rules = new MatchingRules { DifferentDepartmentBonus = 100, DifferentLocationBonus = 10 };

        var evaluation = new ReciprocalScorer([junior], [senior], rules).Evaluate(0, 0);

        Assert.True(evaluation.IsAllowed);
        Assert.Equal(ReciprocalScorer.ScoreScale + 110, evaluation.Score);
        Assert.Equal(ReciprocalScorer.ScoreScale, evaluation.Explanation.BenefitToSenior);
        Assert.Equal(ReciprocalScorer.ScoreScale, evaluation.Explanation.BenefitToJunior);
        Assert.Equal([RuleCode.DifferentDepartment, RuleCode.DifferentLocation], evaluation.Explanation.Rules);
        Assert.Equal([new Contribution("1.1", 7), new Contribution("2.1", 7), new Contribution("3.1", 7)], evaluation.Explanation.ToSenior);
        Assert.Equal([new Contribution("negotiation", 1)], evaluation.Explanation.ToJunior);
    }

    [Fact]
    public void Harmonic_mean_is_exact_in_integers()
    {
        // Senior gains 4 of 21 possible levels (a = 4/21), junior gains 1 of 2 topics (b = 1/2).
        var junior = People.Junior(1, levels => levels["1.1"] = 6) with { DigitalLevels = new Dictionary<string, int> { ["1.1"] = 6 } };
        var senior = People.Senior(2, offeredTopics: ["negotiation"]) with { DigitalLevels = new Dictionary<string, int> { ["1.1"] = 2 }, Department = "IT", Location = "Milano" };

        var evaluation = new ReciprocalScorer([junior], [senior], MatchingRules.Default).Evaluate(0, 0);

        // 2ab/(a+b) = 2*4*1 / (4*2 + 1*21) = 8/29 -> 2758 of 10000.
        Assert.Equal(2758, evaluation.Score);
        Assert.Equal(1904, evaluation.Explanation.BenefitToSenior);
        Assert.Equal(5000, evaluation.Explanation.BenefitToJunior);
        Assert.Empty(evaluation.Explanation.Rules);
    }

    [Fact]
    public void A_one_sided_pair_scores_zero_and_no_bonus_rescues_it()
    {
        var junior = People.Junior(1, wantedTopics: ["gardening"]);
        var senior = People.Senior(2);

        var evaluation = new ReciprocalScorer([junior], [senior], MatchingRules.Default).Evaluate(0, 0);

        Assert.Equal(0, evaluation.Score);
        Assert.Equal(RuleCode.BelowMinimumScore, evaluation.ForbiddenBy);
        Assert.True(evaluation.Explanation.BenefitToSenior > 0);
        Assert.Equal(0, evaluation.Explanation.BenefitToJunior);
    }

    [Fact]
    public void One_sided_pairs_score_lower_than_balanced_pairs_of_the_same_total_benefit()
    {
        var balanced = new ReciprocalScorer(
            [People.Junior(1, l => { l["1.1"] = 5; l["2.1"] = 5; l["3.1"] = 5; }, ["negotiation", "leadership"])],
            [People.Senior(2, offeredTopics: ["negotiation"])],
            MatchingRules.Default).Evaluate(0, 0);
        var lopsided = new ReciprocalScorer(
            [People.Junior(1, l => { l["1.1"] = 8; l["2.1"] = 8; l["3.1"] = 8; }, ["negotiation", "leadership", "a", "b", "c", "d", "e", "f", "g", "h"])],
            [People.Senior(2, offeredTopics: ["negotiation"])],
            MatchingRules.Default).Evaluate(0, 0);

        Assert.True(balanced.Score > lopsided.Score);
    }

    [Theory]
    [InlineData(0, false)]
    [InlineData(2, false)]
    [InlineData(3, true)]
    [InlineData(4, true)]
    public void Reporting_line_forbids_within_the_configured_depth(int depth, bool forbidden)
    {
        // The junior is the senior's third manager up the line.
        var senior = People.Senior(2) with { ManagerChain = [Guid.NewGuid(), Guid.NewGuid(), People.Id(1)] };

        var evaluation = new ReciprocalScorer([People.Junior(1)], [senior], new MatchingRules { ReportingLineDepth = depth }).Evaluate(0, 0);

        Assert.Equal(forbidden ? RuleCode.SameReportingLine : null, evaluation.ForbiddenBy);
    }

    [Fact]
    public void A_junior_managed_by_the_senior_is_forbidden()
    {
        var junior = People.Junior(1) with { ManagerChain = [People.Id(2)] };

        var evaluation = new ReciprocalScorer([junior], [People.Senior(2)], new MatchingRules { ReportingLineDepth = 1 }).Evaluate(0, 0);

        Assert.Equal(RuleCode.SameReportingLine, evaluation.ForbiddenBy);
        Assert.Contains(RuleCode.SameReportingLine, evaluation.Explanation.Rules);
    }

    [Fact]
    public void No_common_language_forbids_but_unknown_languages_do_not()
    {
        var senior = People.Senior(2) with { Languages = ["de"] };

        Assert.Equal(RuleCode.NoCommonLanguage, new ReciprocalScorer([People.Junior(1)], [senior], MatchingRules.Default).Evaluate(0, 0).ForbiddenBy);
        Assert.True(new ReciprocalScorer([People.Junior(1)], [senior with { Languages = [] }], MatchingRules.Default).Evaluate(0, 0).IsAllowed);
    }

    [Fact]
    public void Hr_exclusion_forbids_the_pair()
    {
        var rules = new MatchingRules { Exclusions = [new PairKey(People.Id(1), People.Id(2))] };
        var scorer = new ReciprocalScorer([People.Junior(1)], [People.Senior(2)], rules);

        Assert.Equal(RuleCode.HrExclusion, scorer.Evaluate(0, 0).ForbiddenBy);
        Assert.Equal(CostMatrix.ForbiddenInt32, scorer.ScoreMatrix()[0]);
    }

    [Fact]
    public void Score_matrix_agrees_with_the_detailed_evaluation_on_random_people()
    {
        var random = new Random(3);
        var juniors = Enumerable.Range(0, 40).Select(i => RandomPerson(random, i)).ToList();
        var seniors = Enumerable.Range(100, 30).Select(i => RandomPerson(random, i)).ToList();
        var rules = new MatchingRules { MinimumScore = 500, Exclusions = [new PairKey(juniors[0].Id, seniors[0].Id)] };
        var scorer = new ReciprocalScorer(juniors, seniors, rules);

        var matrix = scorer.ScoreMatrix();

        for (var j = 0; j < juniors.Count; j++)
        {
            for (var s = 0; s < seniors.Count; s++)
            {
                var evaluation = scorer.Evaluate(j, s);
                var expected = evaluation.IsAllowed ? (int)evaluation.Score : CostMatrix.ForbiddenInt32;
                Assert.Equal(expected, matrix[(j * seniors.Count) + s]);
            }
        }
    }

    [Fact]
    public void Rejects_levels_outside_one_to_eight()
    {
        var junior = People.Junior(1) with { DigitalLevels = new Dictionary<string, int> { ["1.1"] = 9 } };

        Assert.Throws<ArgumentOutOfRangeException>(() => new ReciprocalScorer([junior], [People.Senior(2)], MatchingRules.Default));
    }

    internal static MatchingPerson RandomPerson(Random random, int seed)
    {
        string[] topics = ["negotiation", "leadership", "budgeting", "public-speaking", "strategy", "sales", "hiring", "law"];
        string[] languages = ["it", "en", "de", "fr"];
        return new MatchingPerson
        {
            Id = People.Id(seed),
            DigitalLevels = DigComp.CompetenceIds.Where(_ => random.Next(4) > 0).ToDictionary(id => id, _ => random.Next(1, 9)),
            WantedCompetences = DigComp.CompetenceIds.Where(_ => random.Next(5) == 0).ToArray(),
            OfferedTopics = topics.Where(_ => random.Next(3) == 0).ToArray(),
            WantedTopics = topics.Where(_ => random.Next(3) == 0).ToArray(),
            Languages = languages.Where(_ => random.Next(2) == 0).ToArray(),
            Department = random.Next(5) == 0 ? null : "d" + random.Next(4),
            Location = "l" + random.Next(3),
            ManagerChain = Enumerable.Range(0, random.Next(4)).Select(_ => People.Id(random.Next(0, 140))).ToArray(),
            Capacity = random.Next(6) == 0 ? 2 : 1,
        };
    }
}
