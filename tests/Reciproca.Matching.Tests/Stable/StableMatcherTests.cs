using Reciproca.Matching.Stable;

namespace Reciproca.Matching.Tests.Stable;

public sealed class StableMatcherTests
{
    private static IReadOnlyList<IReadOnlyList<int>> Lists(params int[][] lists) => lists;

    [Fact]
    public void Textbook_instance_gives_the_proposer_optimal_matching()
    {
        var juniors = Lists([0, 1, 2], [1, 0, 2], [0, 1, 2]);
        var seniors = Lists([1, 0, 2], [0, 1, 2], [0, 1, 2]);

        var result = StableMatcher.Match(juniors, seniors);

        Assert.Equal([(0, 0), (1, 1), (2, 2)], result.Pairs);
        Assert.Equal(0, result.BlockingPairs);
    }

    [Fact]
    public void Counts_blocking_pairs_of_an_unstable_matching()
    {
        var juniors = Lists([0, 1], [0, 1]);
        var seniors = Lists([0, 1], [0, 1]);

        Assert.Equal(1, StableMatcher.CountBlockingPairs(juniors, seniors, [(0, 1), (1, 0)]));
        Assert.Equal(0, StableMatcher.CountBlockingPairs(juniors, seniors, [(0, 0), (1, 1)]));
        Assert.Equal(4, StableMatcher.CountBlockingPairs(juniors, seniors, []));
    }

    [Fact]
    public void Random_instances_with_capacities_and_incomplete_lists_are_stable_and_junior_optimal()
    {
        var random = new Random(8);
        for (var round = 0; round < 300; round++)
        {
            var juniorCount = random.Next(1, 6);
            var seniorCount = random.Next(1, 5);
            var juniors = Enumerable.Range(0, juniorCount).Select(_ => (IReadOnlyList<int>)Enumerable.Range(0, seniorCount).Where(_ => random.Next(4) > 0).OrderBy(_ => random.Next()).ToArray()).ToArray();
            var seniors = Enumerable.Range(0, seniorCount).Select(_ => (IReadOnlyList<int>)Enumerable.Range(0, juniorCount).Where(_ => random.Next(4) > 0).OrderBy(_ => random.Next()).ToArray()).ToArray();
            var capacities = Enumerable.Range(0, seniorCount).Select(_ => random.Next(0, 3)).ToArray();

            var result = StableMatcher.Match(juniors, seniors, capacities);

            Assert.Equal(0, result.BlockingPairs);
            var stable = AllMatchings(juniorCount, seniorCount, capacities)
                .Where(m => StableMatcher.CountBlockingPairs(juniors, seniors, m, capacities) == 0 && Acceptable(m, juniors, seniors))
                .ToList();
            Assert.Contains(stable, m => m.Order().SequenceEqual(result.Pairs.Order()));

            // Junior-optimal: no stable matching gives any junior a partner they rank higher.
            foreach (var other in stable)
            {
                foreach (var (j, s) in other)
                {
                    var mine = result.Pairs.Where(p => p.Junior == j).Select(p => p.Senior).DefaultIfEmpty(-1).First();
                    var list = juniors[j].ToList();
                    Assert.True(mine >= 0 && list.IndexOf(mine) <= list.IndexOf(s), $"junior {j} does better elsewhere");
                }
            }
        }
    }

    [Fact]
    public void Guid_overload_maps_ids()
    {
        var j = Guid.NewGuid();
        var s = Guid.NewGuid();
        var pairs = StableMatcher.Match(
            new Dictionary<Guid, IReadOnlyList<Guid>> { [j] = [s] },
            new Dictionary<Guid, IReadOnlyList<Guid>> { [s] = [j] });

        Assert.Equal([(j, s)], pairs);
    }

    private static bool Acceptable(List<(int Junior, int Senior)> matching, IReadOnlyList<IReadOnlyList<int>> juniors, IReadOnlyList<IReadOnlyList<int>> seniors) =>
        matching.All(p => juniors[p.Junior].Contains(p.Senior) && seniors[p.Senior].Contains(p.Junior));

    private static IEnumerable<List<(int Junior, int Senior)>> AllMatchings(int juniors, int seniors, int[] capacities)
    {
        var load = new int[seniors];
        var current = new List<(int, int)>();
        return Walk(0);

        IEnumerable<List<(int, int)>> Walk(int j)
        {
            if (j == juniors)
            {
                yield return [.. current];
                yield break;
            }

            foreach (var m in Walk(j + 1))
            {
                yield return m;
            }

            for (var s = 0; s < seniors; s++)
            {
                if (load[s] < capacities[s])
                {
                    load[s]++;
                    current.Add((j, s));
                    foreach (var m in Walk(j + 1))
                    {
                        yield return m;
                    }

                    current.RemoveAt(current.Count - 1);
                    load[s]--;
                }
            }
        }
    }
}
