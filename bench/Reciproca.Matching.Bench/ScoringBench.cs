using System.Diagnostics;
using Reciproca.Matching.Assignment;
using Reciproca.Matching.Scoring;

namespace Reciproca.Matching.Bench;

/// <summary>Scores 5,000 juniors against 5,000 seniors (25 million pairs), then runs the whole matcher once.</summary>
internal static class ScoringBench
{
    public static void Run(int repetitions)
    {
        const int People = 5000;
        var random = new Random(2026);
        var juniors = Enumerable.Range(0, People).Select(i => RandomPerson(random, i) with { Capacity = 1 }).ToList();
        var seniors = Enumerable.Range(People, People).Select(i => RandomPerson(random, i)).ToList();
        var rules = new MatchingRules { ReportingLineDepth = 3 };

        var compile = Stopwatch.StartNew();
        var scorer = new ReciprocalScorer(juniors, seniors, rules);
        compile.Stop();
        var times = new List<double>();
        int[] matrix = [];
        for (var r = 0; r < repetitions + 1; r++)
        {
            matrix = [];
            GC.Collect();
            var stopwatch = Stopwatch.StartNew();
            matrix = scorer.ScoreMatrix();
            if (r > 0)
            {
                times.Add(stopwatch.Elapsed.TotalMilliseconds);
            }
        }

        times.Sort();
        var allowed = matrix.Count(v => v != CostMatrix.ForbiddenInt32);
        Console.WriteLine($"scoring {People}x{People} = {(long)People * People:N0} pairs: {times[times.Count / 2]:F0} ms (median of {repetitions}, {Environment.ProcessorCount} cores; compiling people {compile.Elapsed.TotalMilliseconds:F0} ms; {allowed:N0} pairs allowed)");

        matrix = [];
        GC.Collect();
        var match = Stopwatch.StartNew();
        var outcome = ReciprocalMatcher.Match(scorer);
        match.Stop();
        Console.WriteLine($"full matcher {People}x{People} (score + solve + verify + explain): {match.Elapsed.TotalMilliseconds:F0} ms, {outcome.Proposals.Count} pairs, total score {outcome.TotalScore}, verified {(outcome.Verified ? "yes" : "NO")}");
    }

    private static MatchingPerson RandomPerson(Random random, int seed)
    {
        var topics = Enumerable.Range(0, 40).Select(t => "topic-" + t).ToArray();
        string[] languages = ["it", "en", "de", "fr", "es"];
        var id = new Guid(seed, 0, 0, new byte[8]);
        return new MatchingPerson
        {
            Id = id,
            DigitalLevels = DigComp.CompetenceIds.ToDictionary(c => c, _ => random.Next(1, 9)),
            WantedCompetences = DigComp.CompetenceIds.Where(_ => random.Next(4) == 0).ToArray(),
            OfferedTopics = topics.Where(_ => random.Next(6) == 0).ToArray(),
            WantedTopics = topics.Where(_ => random.Next(8) == 0).ToArray(),
            Languages = random.Next(10) == 0 ? ["en"] : ["it", languages[random.Next(languages.Length)]],
            Department = "dept-" + random.Next(12),
            Location = "site-" + random.Next(5),
            ManagerChain = Enumerable.Range(0, 4).Select(_ => new Guid(random.Next(0, 10000), 0, 0, new byte[8])).ToArray(),
            Capacity = random.Next(8) == 0 ? 2 : 1,
        };
    }
}
