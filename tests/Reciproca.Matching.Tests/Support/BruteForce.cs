using Reciproca.Matching.Assignment;

namespace Reciproca.Matching.Tests.Support;

/// <summary>Exhaustive optimum by memoised search over (row, columns' remaining capacity); small instances only.</summary>
internal static class BruteForce
{
    public static long? Optimum(AssignmentProblem problem)
    {
        var rows = problem.Rows;
        var columns = problem.Columns;
        long totalRows = Enumerable.Range(0, rows).Sum(problem.RowCapacity);
        long totalColumns = Enumerable.Range(0, columns).Sum(problem.ColumnCapacity);
        var rowsFilled = !problem.Partial && totalRows <= totalColumns;
        var columnsFilled = !problem.Partial && totalColumns <= totalRows;
        var maximize = problem.Sense == ObjectiveSense.Maximize;
        var memo = new Dictionary<(int, string), long?>();

        long? Best(int row, int[] left)
        {
            if (row == rows)
            {
                return columnsFilled && left.Any(l => l > 0) ? null : 0;
            }

            var key = (row, string.Join(',', left));
            if (memo.TryGetValue(key, out var cached))
            {
                return cached;
            }

            long? best = null;
            var capacity = problem.RowCapacity(row);
            foreach (var subset in Subsets(columns, capacity))
            {
                if (rowsFilled && subset.Count != capacity)
                {
                    continue;
                }

                long sum = 0;
                var ok = true;
                foreach (var c in subset)
                {
                    if (left[c] == 0 || !problem.TryGetCost(row, c, out var cost))
                    {
                        ok = false;
                        break;
                    }

                    sum += cost;
                }

                if (!ok)
                {
                    continue;
                }

                foreach (var c in subset)
                {
                    left[c]--;
                }

                var rest = Best(row + 1, left);
                foreach (var c in subset)
                {
                    left[c]++;
                }

                if (rest is { } value)
                {
                    var total = sum + value;
                    if (best is null || (maximize ? total > best : total < best))
                    {
                        best = total;
                    }
                }
            }

            memo[key] = best;
            return best;
        }

        return Best(0, Enumerable.Range(0, columns).Select(problem.ColumnCapacity).ToArray());
    }

    private static IEnumerable<List<int>> Subsets(int columns, int maxSize)
    {
        var current = new List<int>();
        return Walk(0);

        IEnumerable<List<int>> Walk(int from)
        {
            yield return [.. current];
            if (current.Count == maxSize)
            {
                yield break;
            }

            for (var c = from; c < columns; c++)
            {
                current.Add(c);
                foreach (var s in Walk(c + 1))
                {
                    yield return s;
                }

                current.RemoveAt(current.Count - 1);
            }
        }
    }
}
