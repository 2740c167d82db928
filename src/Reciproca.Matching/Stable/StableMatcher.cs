namespace Reciproca.Matching.Stable;

/// <summary>A matching found by deferred acceptance.</summary>
/// <param name="Pairs">The pairs, by junior index.</param>
/// <param name="BlockingPairs">Blocking pairs of the result (always 0: deferred acceptance is stable).</param>
public sealed record StableMatching(IReadOnlyList<(int Junior, int Senior)> Pairs, int BlockingPairs);

/// <summary>
/// Stable matching on participants' own rankings (Gale-Shapley deferred acceptance, juniors proposing,
/// seniors with capacities), for programmes where people choose. Rankings may be incomplete: whoever is not
/// ranked is unacceptable. The result is the junior-optimal stable matching.
/// </summary>
public static class StableMatcher
{
    /// <summary>Runs deferred acceptance with juniors proposing.</summary>
    /// <param name="juniorRankings">For each junior, acceptable seniors by index, most preferred first.</param>
    /// <param name="seniorRankings">For each senior, acceptable juniors by index, most preferred first.</param>
    /// <param name="seniorCapacities">How many juniors each senior may take (default one each).</param>
    /// <returns>The junior-optimal stable matching.</returns>
    public static StableMatching Match(IReadOnlyList<IReadOnlyList<int>> juniorRankings, IReadOnlyList<IReadOnlyList<int>> seniorRankings, IReadOnlyList<int>? seniorCapacities = null)
    {
        var rank = SeniorRanks(juniorRankings, seniorRankings, seniorCapacities);
        var juniors = juniorRankings.Count;
        var seniors = seniorRankings.Count;
        var next = new int[juniors];
        var partner = Enumerable.Repeat(-1, juniors).ToArray();

        // Each senior holds its current juniors in a max-heap by rank, so the worst is evicted first.
        var held = Enumerable.Range(0, seniors).Select(_ => new PriorityQueue<int, int>(Comparer<int>.Create((a, b) => b.CompareTo(a)))).ToArray();
        var free = new Queue<int>(Enumerable.Range(0, juniors));
        while (free.TryDequeue(out var j))
        {
            var list = juniorRankings[j];
            while (next[j] < list.Count)
            {
                var s = list[next[j]++];
                if (!rank[s].TryGetValue(j, out var r))
                {
                    continue;
                }

                var capacity = seniorCapacities?[s] ?? 1;
                if (capacity == 0)
                {
                    continue;
                }

                if (held[s].Count < capacity)
                {
                    held[s].Enqueue(j, r);
                    partner[j] = s;
                    break;
                }

                held[s].TryPeek(out var worst, out var worstRank);
                if (r < worstRank)
                {
                    held[s].Dequeue();
                    partner[worst] = -1;
                    free.Enqueue(worst);
                    held[s].Enqueue(j, r);
                    partner[j] = s;
                    break;
                }
            }
        }

        var pairs = Enumerable.Range(0, juniors).Where(j => partner[j] >= 0).Select(j => (j, partner[j])).ToList();
        return new StableMatching(pairs, CountBlockingPairs(juniorRankings, seniorRankings, pairs, seniorCapacities));
    }

    /// <summary>
    /// Counts blocking pairs of any matching: a junior and a senior who rank each other, where the junior is
    /// unmatched or prefers the senior to their partner, and the senior has room or prefers the junior to
    /// their worst current junior.
    /// </summary>
    /// <param name="juniorRankings">For each junior, acceptable seniors, most preferred first.</param>
    /// <param name="seniorRankings">For each senior, acceptable juniors, most preferred first.</param>
    /// <param name="pairs">The matching (each junior at most once).</param>
    /// <param name="seniorCapacities">Seniors' capacities (default one each).</param>
    /// <returns>The number of blocking pairs.</returns>
    public static int CountBlockingPairs(IReadOnlyList<IReadOnlyList<int>> juniorRankings, IReadOnlyList<IReadOnlyList<int>> seniorRankings, IEnumerable<(int Junior, int Senior)> pairs, IReadOnlyList<int>? seniorCapacities = null)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        var rank = SeniorRanks(juniorRankings, seniorRankings, seniorCapacities);
        var partner = Enumerable.Repeat(-1, juniorRankings.Count).ToArray();
        var load = new int[seniorRankings.Count];
        var worst = Enumerable.Repeat(-1, seniorRankings.Count).ToArray();
        foreach (var (j, s) in pairs)
        {
            if (partner[j] >= 0)
            {
                throw new ArgumentException($"Junior {j} appears twice in the matching.", nameof(pairs));
            }

            partner[j] = s;
            load[s]++;
            var r = rank[s].TryGetValue(j, out var value) ? value : int.MaxValue;
            worst[s] = Math.Max(worst[s], r);
        }

        var count = 0;
        for (var j = 0; j < juniorRankings.Count; j++)
        {
            foreach (var s in juniorRankings[j])
            {
                if (s == partner[j])
                {
                    break;
                }

                var capacity = seniorCapacities?[s] ?? 1;
                if (rank[s].TryGetValue(j, out var r) && capacity > 0 && (load[s] < capacity || r < worst[s]))
                {
                    count++;
                }
            }
        }

        return count;
    }

    /// <summary>The Guid-keyed form of <see cref="Match(IReadOnlyList{IReadOnlyList{int}}, IReadOnlyList{IReadOnlyList{int}}, IReadOnlyList{int}?)"/>.</summary>
    /// <param name="juniorRankings">Each junior's acceptable seniors, most preferred first.</param>
    /// <param name="seniorRankings">Each senior's acceptable juniors, most preferred first.</param>
    /// <param name="seniorCapacities">Seniors' capacities (missing = 1).</param>
    /// <returns>The pairs.</returns>
    public static IReadOnlyList<(Guid JuniorId, Guid SeniorId)> Match(IReadOnlyDictionary<Guid, IReadOnlyList<Guid>> juniorRankings, IReadOnlyDictionary<Guid, IReadOnlyList<Guid>> seniorRankings, IReadOnlyDictionary<Guid, int>? seniorCapacities = null)
    {
        ArgumentNullException.ThrowIfNull(juniorRankings);
        ArgumentNullException.ThrowIfNull(seniorRankings);
        var juniorIds = juniorRankings.Keys.ToArray();
        var seniorIds = seniorRankings.Keys.ToArray();
        var juniorIndex = juniorIds.Select((id, i) => (id, i)).ToDictionary(x => x.id, x => x.i);
        var seniorIndex = seniorIds.Select((id, i) => (id, i)).ToDictionary(x => x.id, x => x.i);
        IReadOnlyList<IReadOnlyList<int>> juniors = juniorIds.Select(id => (IReadOnlyList<int>)juniorRankings[id].Where(seniorIndex.ContainsKey).Select(s => seniorIndex[s]).ToArray()).ToArray();
        IReadOnlyList<IReadOnlyList<int>> seniors = seniorIds.Select(id => (IReadOnlyList<int>)seniorRankings[id].Where(juniorIndex.ContainsKey).Select(j => juniorIndex[j]).ToArray()).ToArray();
        var capacities = seniorIds.Select(id => seniorCapacities is not null && seniorCapacities.TryGetValue(id, out var c) ? c : 1).ToArray();
        return Match(juniors, seniors, capacities).Pairs.Select(p => (juniorIds[p.Junior], seniorIds[p.Senior])).ToList();
    }

    private static Dictionary<int, int>[] SeniorRanks(IReadOnlyList<IReadOnlyList<int>> juniorRankings, IReadOnlyList<IReadOnlyList<int>> seniorRankings, IReadOnlyList<int>? seniorCapacities)
    {
        ArgumentNullException.ThrowIfNull(juniorRankings);
        ArgumentNullException.ThrowIfNull(seniorRankings);
        if (seniorCapacities is not null && (seniorCapacities.Count != seniorRankings.Count || seniorCapacities.Any(c => c < 0)))
        {
            throw new ArgumentException("One non-negative capacity per senior is required.", nameof(seniorCapacities));
        }

        foreach (var list in juniorRankings)
        {
            if (list.Any(s => (uint)s >= (uint)seniorRankings.Count) || list.Distinct().Count() != list.Count)
            {
                throw new ArgumentException("A junior ranks an unknown senior or the same senior twice.", nameof(juniorRankings));
            }
        }

        var ranks = new Dictionary<int, int>[seniorRankings.Count];
        for (var s = 0; s < seniorRankings.Count; s++)
        {
            ranks[s] = [];
            for (var r = 0; r < seniorRankings[s].Count; r++)
            {
                var j = seniorRankings[s][r];
                if ((uint)j >= (uint)juniorRankings.Count || !ranks[s].TryAdd(j, r))
                {
                    throw new ArgumentException($"Senior {s} ranks an unknown junior or the same junior twice.", nameof(seniorRankings));
                }
            }
        }

        return ranks;
    }
}
