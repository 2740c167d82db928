namespace Reciproca.Matching.Stable;

/// <summary>A matching found by deferred acceptance.</summary>
/// <param name="Pairs">The pairs, by junior index then senior index.</param>
/// <param name="BlockingPairs">Blocking pairs of the result (always 0: deferred acceptance is stable).</param>
public sealed record StableMatching(IReadOnlyList<(int Junior, int Senior)> Pairs, int BlockingPairs);

/// <summary>
/// Stable matching on participants' own rankings (Gale-Shapley deferred acceptance, juniors proposing), for
/// programmes where people choose. Both sides may have capacities (a junior mentoring two seniors, a senior taking
/// three juniors); preferences over sets are responsive (a person ranks partners one by one), so the result is
/// pairwise stable and no pair appears twice. Rankings may be incomplete: whoever is not ranked is unacceptable.
/// The result is the junior-optimal stable matching.
/// </summary>
public static class StableMatcher
{
    /// <summary>Runs deferred acceptance with juniors proposing.</summary>
    /// <param name="juniorRankings">For each junior, acceptable seniors by index, most preferred first.</param>
    /// <param name="seniorRankings">For each senior, acceptable juniors by index, most preferred first.</param>
    /// <param name="seniorCapacities">How many juniors each senior may take (default one each).</param>
    /// <param name="juniorCapacities">How many seniors each junior may take (default one each).</param>
    /// <returns>The junior-optimal stable matching.</returns>
    public static StableMatching Match(IReadOnlyList<IReadOnlyList<int>> juniorRankings, IReadOnlyList<IReadOnlyList<int>> seniorRankings, IReadOnlyList<int>? seniorCapacities = null, IReadOnlyList<int>? juniorCapacities = null)
    {
        var rank = SeniorRanks(juniorRankings, seniorRankings, seniorCapacities, juniorCapacities);
        var juniors = juniorRankings.Count;
        var seniors = seniorRankings.Count;
        var next = new int[juniors];
        var load = new int[juniors];

        // Each senior holds its current juniors in a max-heap by rank, so the worst is evicted first. A junior with
        // room left keeps proposing down their list; one who loses a place goes back to the queue and carries on from
        // where they stopped (a senior's held set only improves, so an earlier refusal stands).
        var held = Enumerable.Range(0, seniors).Select(_ => new PriorityQueue<int, int>(Comparer<int>.Create((a, b) => b.CompareTo(a)))).ToArray();
        var free = new Queue<int>(Enumerable.Range(0, juniors));
        var queued = Enumerable.Repeat(true, juniors).ToArray();
        while (free.TryDequeue(out var j))
        {
            queued[j] = false;
            var list = juniorRankings[j];
            var capacity = juniorCapacities?[j] ?? 1;
            while (load[j] < capacity && next[j] < list.Count)
            {
                var s = list[next[j]++];
                var room = seniorCapacities?[s] ?? 1;
                if (!rank[s].TryGetValue(j, out var r) || room == 0)
                {
                    continue;
                }

                if (held[s].Count < room)
                {
                    held[s].Enqueue(j, r);
                    load[j]++;
                    continue;
                }

                held[s].TryPeek(out var worst, out var worstRank);
                if (r < worstRank)
                {
                    held[s].Dequeue();
                    load[worst]--;
                    if (!queued[worst])
                    {
                        queued[worst] = true;
                        free.Enqueue(worst);
                    }

                    held[s].Enqueue(j, r);
                    load[j]++;
                }
            }
        }

        var pairs = Enumerable.Range(0, seniors).SelectMany(s => held[s].UnorderedItems.Select(item => (Junior: item.Element, Senior: s)))
            .OrderBy(p => p.Junior).ThenBy(p => p.Senior).ToList();
        return new StableMatching(pairs, CountBlockingPairs(juniorRankings, seniorRankings, pairs, seniorCapacities, juniorCapacities));
    }

    /// <summary>
    /// Counts blocking pairs of any matching: a junior and a senior who rank each other and are not paired, where
    /// the junior has room or prefers the senior to their worst current partner, and the senior has room or prefers
    /// the junior to their worst current junior. A partner someone did not rank (an HR lock) counts as their worst.
    /// </summary>
    /// <param name="juniorRankings">For each junior, acceptable seniors, most preferred first.</param>
    /// <param name="seniorRankings">For each senior, acceptable juniors, most preferred first.</param>
    /// <param name="pairs">The matching (no pair twice, nobody beyond their capacity).</param>
    /// <param name="seniorCapacities">Seniors' capacities (default one each).</param>
    /// <param name="juniorCapacities">Juniors' capacities (default one each).</param>
    /// <returns>The number of blocking pairs.</returns>
    public static int CountBlockingPairs(IReadOnlyList<IReadOnlyList<int>> juniorRankings, IReadOnlyList<IReadOnlyList<int>> seniorRankings, IEnumerable<(int Junior, int Senior)> pairs, IReadOnlyList<int>? seniorCapacities = null, IReadOnlyList<int>? juniorCapacities = null)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        var rank = SeniorRanks(juniorRankings, seniorRankings, seniorCapacities, juniorCapacities);
        var position = juniorRankings.Select(list => list.Select((s, i) => (s, i)).ToDictionary(x => x.s, x => x.i)).ToArray();
        var matched = new HashSet<(int, int)>();
        var juniorLoad = new int[juniorRankings.Count];
        var seniorLoad = new int[seniorRankings.Count];
        var juniorWorst = Enumerable.Repeat(-1, juniorRankings.Count).ToArray();
        var seniorWorst = Enumerable.Repeat(-1, seniorRankings.Count).ToArray();
        foreach (var (j, s) in pairs)
        {
            if (!matched.Add((j, s)))
            {
                throw new ArgumentException($"Pair ({j}, {s}) appears twice in the matching.", nameof(pairs));
            }

            if (++juniorLoad[j] > (juniorCapacities?[j] ?? 1) || ++seniorLoad[s] > (seniorCapacities?[s] ?? 1))
            {
                throw new ArgumentException($"Pair ({j}, {s}) exceeds a capacity.", nameof(pairs));
            }

            juniorWorst[j] = Math.Max(juniorWorst[j], position[j].GetValueOrDefault(s, int.MaxValue));
            seniorWorst[s] = Math.Max(seniorWorst[s], rank[s].GetValueOrDefault(j, int.MaxValue));
        }

        var count = 0;
        for (var j = 0; j < juniorRankings.Count; j++)
        {
            var juniorRoom = juniorLoad[j] < (juniorCapacities?[j] ?? 1);
            var list = juniorRankings[j];
            for (var p = 0; p < list.Count; p++)
            {
                var s = list[p];
                var capacity = seniorCapacities?[s] ?? 1;
                if (matched.Contains((j, s)) || (!juniorRoom && p >= juniorWorst[j]) || capacity == 0 || !rank[s].TryGetValue(j, out var r))
                {
                    continue;
                }

                if (seniorLoad[s] < capacity || r < seniorWorst[s])
                {
                    count++;
                }
            }
        }

        return count;
    }

    /// <summary>The Guid-keyed form of <see cref="Match(IReadOnlyList{IReadOnlyList{int}}, IReadOnlyList{IReadOnlyList{int}}, IReadOnlyList{int}?, IReadOnlyList{int}?)"/> (one place per junior).</summary>
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

    private static Dictionary<int, int>[] SeniorRanks(IReadOnlyList<IReadOnlyList<int>> juniorRankings, IReadOnlyList<IReadOnlyList<int>> seniorRankings, IReadOnlyList<int>? seniorCapacities, IReadOnlyList<int>? juniorCapacities)
    {
        ArgumentNullException.ThrowIfNull(juniorRankings);
        ArgumentNullException.ThrowIfNull(seniorRankings);
        if (seniorCapacities is not null && (seniorCapacities.Count != seniorRankings.Count || seniorCapacities.Any(c => c < 0)))
        {
            throw new ArgumentException("One non-negative capacity per senior is required.", nameof(seniorCapacities));
        }

        if (juniorCapacities is not null && (juniorCapacities.Count != juniorRankings.Count || juniorCapacities.Any(c => c < 0)))
        {
            throw new ArgumentException("One non-negative capacity per junior is required.", nameof(juniorCapacities));
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
