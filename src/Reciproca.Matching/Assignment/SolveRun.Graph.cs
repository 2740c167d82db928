using System.Runtime.CompilerServices;

namespace Reciproca.Matching.Assignment;

/// <summary>The candidate graph: seeding, building with room to grow, appending priced-out cells.</summary>
internal sealed partial class SolveRun
{
    private void AddAllAllowed(ICostSource source, List<int>[] candidates, bool[] activeRows)
    {
        for (var r = 0; r < _coreRows; r++)
        {
            candidates[r].Clear();
            if (activeRows[r])
            {
                source.AddAllowed(r, candidates[r]);
            }
        }
    }

    // Seeds the candidate graph with one complete assignment so that it is feasible whenever the greedy
    // pass succeeds (always, without forbidden cells); the rows' cheapest candidates are tried first.
    private void AddGreedyMatching(ICostSource source, List<int>[] candidates, bool[] activeRows)
    {
        var left = (int[])_columnCapacity.Clone();

        // takenBy[c] == r + 1 marks column c as already used by row r (a row takes a column once).
        var takenBy = new int[_coreColumns];
        var hint = 0;
        for (var r = 0; r < _coreRows; r++)
        {
            if (!activeRows[r])
            {
                continue;
            }

            var list = candidates[r];
            var need = _rowCapacity[r];
            var mark = r + 1;
            foreach (var c in list)
            {
                if (need > 0 && left[c] > 0 && takenBy[c] != mark)
                {
                    takenBy[c] = mark;
                    left[c]--;
                    need--;
                }
            }

            if (need == 0)
            {
                continue;
            }

            foreach (var c in source.AllowedColumns(r, hint))
            {
                if (left[c] > 0 && takenBy[c] != mark)
                {
                    takenBy[c] = mark;
                    left[c]--;
                    list.Add(c);
                    hint = c + 1;
                    if (--need == 0)
                    {
                        break;
                    }
                }
            }
        }
    }

    private CandidateGraph BuildGraph(ICostSource source, List<int>[] candidates)
    {
        var partial = _problem.Partial;
        long arcs = 0;
        for (var r = 0; r < _coreRows; r++)
        {
            var perSlot = (partial ? 1L : 0L) + CandidateGraph.Slack;
            foreach (var c in candidates[r])
            {
                perSlot += _columnCapacity[c];
            }

            arcs += perSlot * _rowCapacity[r];
        }

        if (arcs > Array.MaxLength)
        {
            throw new InvalidOperationException("The problem is too large for one candidate graph.");
        }

        var graph = new CandidateGraph(_rowSlots, arcs);
        var start = graph.Start;
        var end = graph.End;
        var column = graph.Column;
        var cost = graph.Cost;
        var values = new long[64];
        var at = 0;
        for (var r = 0; r < _coreRows; r++)
        {
            var list = candidates[r];
            if (_rowCapacity[r] == 0)
            {
                continue;
            }

            if (values.Length < list.Count)
            {
                values = new long[Math.Max(list.Count, 2 * values.Length)];
            }

            source.GetCosts(r, list, values);
            for (var s = _rowFirstSlot[r]; s < _rowFirstSlot[r + 1]; s++)
            {
                // Every slot of a row sees the same cells, then, in partial mode, its own zero-cost
                // "unmatched" column; room is left at the end for cells added by later rounds.
                start[s] = at;
                for (var a = 0; a < list.Count; a++)
                {
                    var c = list[a];
                    for (var t = _columnFirstSlot[c]; t < _columnFirstSlot[c + 1]; t++)
                    {
                        column[at] = t;
                        cost[at++] = values[a];
                    }
                }

                if (partial)
                {
                    column[at] = _columnSlots + s;
                    cost[at++] = 0;
                }

                end[s] = at;
                at += CandidateGraph.Slack;
            }
        }

        start[_rowSlots] = at;
        return graph;
    }

    private bool TryAppend(CandidateGraph graph, ICostSource source, int r, List<int> list, int from)
    {
        var count = 0;
        for (var a = from; a < list.Count; a++)
        {
            count += _columnCapacity[list[a]];
        }

        var first = _rowFirstSlot[r];
        var last = _rowFirstSlot[r + 1];
        for (var s = first; s < last; s++)
        {
            if (graph.End[s] + count > graph.Start[s + 1])
            {
                return false;
            }
        }

        for (var a = from; a < list.Count; a++)
        {
            var c = list[a];
            var value = source.Get(r, c);
            for (var s = first; s < last; s++)
            {
                for (var t = _columnFirstSlot[c]; t < _columnFirstSlot[c + 1]; t++)
                {
                    graph.Column[graph.End[s]] = t;
                    graph.Cost[graph.End[s]++] = value;
                }
            }
        }

        return true;
    }
}
