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
    public void Capacities_on_both_sides_give_a_stable_matching_without_a_pair_twice()
    {
        // Junior 0 may mentor two seniors, senior 0 may take two juniors: a one-place-per-junior reduction would
        // give junior 0 senior 0 twice.
        var juniors = Lists([0, 1], [0, 1], [0]);
        var seniors = Lists([2, 0, 1], [0, 1]);

        var result = StableMatcher.Match(juniors, seniors, seniorCapacities: [2, 1], juniorCapacities: [2, 1, 1]);

        Assert.Equal([(0, 0), (0, 1), (2, 0)], result.Pairs);
        Assert.Equal(0, result.BlockingPairs);
        Assert.Equal(0, BlockingPairs(juniors, seniors, result.Pairs, [2, 1], [2, 1, 1]));
    }

    [Fact]
    public void Random_instances_with_capacities_on_both_sides_are_pairwise_stable_and_junior_optimal()
    {
        var random = new Random(17);
        for (var round = 0; round < 250; round++)
        {
            var juniorCount = random.Next(1, 5);
            var seniorCount = random.Next(1, 4);
            var juniors = Enumerable.Range(0, juniorCount).Select(_ => (IReadOnlyList<int>)Enumerable.Range(0, seniorCount).Where(_ => random.Next(4) > 0).OrderBy(_ => random.Next()).ToArray()).ToArray();
            var seniors = Enumerable.Range(0, seniorCount).Select(_ => (IReadOnlyList<int>)Enumerable.Range(0, juniorCount).Where(_ => random.Next(4) > 0).OrderBy(_ => random.Next()).ToArray()).ToArray();
            var seniorCapacities = Enumerable.Range(0, seniorCount).Select(_ => random.Next(0, 3)).ToArray();
            var juniorCapacities = Enumerable.Range(0, juniorCount).Select(_ => random.Next(0, 3)).ToArray();

            var result = StableMatcher.Match(juniors, seniors, seniorCapacities, juniorCapacities);

            Assert.Equal(result.Pairs.Count, result.Pairs.Distinct().Count());
            Assert.True(Acceptable([.. result.Pairs], juniors, seniors));
            Assert.All(Enumerable.Range(0, juniorCount), j => Assert.True(result.Pairs.Count(p => p.Junior == j) <= juniorCapacities[j]));
            Assert.All(Enumerable.Range(0, seniorCount), s => Assert.True(result.Pairs.Count(p => p.Senior == s) <= seniorCapacities[s]));
            Assert.Equal(0, BlockingPairs(juniors, seniors, result.Pairs, seniorCapacities, juniorCapacities));
            Assert.Equal(0, result.BlockingPairs);

            // Junior-optimal: in every other stable matching, each junior's k-th best partner is no better than here.
            var stable = AllManyToMany(juniors, seniors, seniorCapacities, juniorCapacities)
                .Where(m => BlockingPairs(juniors, seniors, m, seniorCapacities, juniorCapacities) == 0)
                .ToList();
            Assert.Contains(stable, m => m.Order().SequenceEqual(result.Pairs.Order()));
            foreach (var other in stable)
            {
                for (var j = 0; j < juniorCount; j++)
                {
                    var list = juniors[j].ToList();
                    var mine = result.Pairs.Where(p => p.Junior == j).Select(p => list.IndexOf(p.Senior)).Order().ToList();
                    var theirs = other.Where(p => p.Junior == j).Select(p => list.IndexOf(p.Senior)).Order().ToList();
                    Assert.True(mine.Count >= theirs.Count && mine.Zip(theirs).All(x => x.First <= x.Second), $"junior {j} does better elsewhere in round {round}");
                }
            }
        }
    }

    [Fact]
    public void Counting_blocking_pairs_refuses_a_pair_twice_or_beyond_a_capacity()
    {
        var juniors = Lists([0, 1]);
        var seniors = Lists([0], [0]);

        Assert.Throws<ArgumentException>(() => StableMatcher.CountBlockingPairs(juniors, seniors, [(0, 0), (0, 0)], juniorCapacities: [2]));
        Assert.Throws<ArgumentException>(() => StableMatcher.CountBlockingPairs(juniors, seniors, [(0, 0), (0, 1)]));
        Assert.Equal(0, StableMatcher.CountBlockingPairs(juniors, seniors, [(0, 0), (0, 1)], juniorCapacities: [2]));
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

    // The definition of a blocking pair written out again, independently of the matcher's own count: two people who
    // rank each other, are not paired, and would each take the other (room left, or the other beats their worst).
    private static int BlockingPairs(IReadOnlyList<IReadOnlyList<int>> juniors, IReadOnlyList<IReadOnlyList<int>> seniors, IReadOnlyList<(int Junior, int Senior)> matching, int[] seniorCapacities, int[] juniorCapacities)
    {
        var count = 0;
        for (var j = 0; j < juniors.Count; j++)
        {
            foreach (var s in juniors[j])
            {
                if (!seniors[s].Contains(j) || matching.Contains((j, s)))
                {
                    continue;
                }

                var juniorPartners = matching.Where(p => p.Junior == j).Select(p => p.Senior).ToList();
                var seniorPartners = matching.Where(p => p.Senior == s).Select(p => p.Junior).ToList();
                var juniorWants = juniorCapacities[j] > 0 && (juniorPartners.Count < juniorCapacities[j] || juniorPartners.Any(o => juniors[j].ToList().IndexOf(o) > juniors[j].ToList().IndexOf(s)));
                var seniorWants = seniorCapacities[s] > 0 && (seniorPartners.Count < seniorCapacities[s] || seniorPartners.Any(o => seniors[s].ToList().IndexOf(o) > seniors[s].ToList().IndexOf(j)));
                count += juniorWants && seniorWants ? 1 : 0;
            }
        }

        return count;
    }

    // Every set of mutually acceptable pairs within both sides' capacities.
    private static IEnumerable<List<(int Junior, int Senior)>> AllManyToMany(IReadOnlyList<IReadOnlyList<int>> juniors, IReadOnlyList<IReadOnlyList<int>> seniors, int[] seniorCapacities, int[] juniorCapacities)
    {
        var candidates = Enumerable.Range(0, juniors.Count).SelectMany(j => juniors[j].Where(s => seniors[s].Contains(j)).Select(s => (Junior: j, Senior: s))).ToList();
        for (var mask = 0; mask < 1 << candidates.Count; mask++)
        {
            var chosen = candidates.Where((_, i) => (mask & (1 << i)) != 0).ToList();
            if (Enumerable.Range(0, juniors.Count).All(j => chosen.Count(p => p.Junior == j) <= juniorCapacities[j])
                && Enumerable.Range(0, seniors.Count).All(s => chosen.Count(p => p.Senior == s) <= seniorCapacities[s]))
            {
                yield return chosen;
            }
        }
    }
}
