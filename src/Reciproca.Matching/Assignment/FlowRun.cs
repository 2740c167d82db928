namespace Reciproca.Matching.Assignment;

/// <summary>
/// One many-to-many solve (capacities above one on both sides): the b-matching as a min-cost flow with unit
/// arcs (<see cref="UnitFlowNetwork"/>), in the orientation where the rows are the side to fill, on a candidate
/// graph that is grown until the duals price out every allowed cell (ADR 0017).
/// </summary>
internal sealed class FlowRun
{
    private const int CandidatesPerRow = 8;

    private readonly AssignmentProblem _problem;
    private readonly bool _transposed;
    private readonly int _sign;
    private readonly int _rows;
    private readonly int _columns;
    private readonly int[] _rowCapacity;
    private readonly int[] _columnCapacity;
    private readonly List<(int Column, long Cost)> _cells = [];
    private readonly List<(int Column, long Cost)>[]? _sparseRows;

    public FlowRun(AssignmentProblem problem)
    {
        _problem = problem;
        _sign = problem.Sense == ObjectiveSense.Maximize ? -1 : 1;
        var rowCapacity = Enumerable.Range(0, problem.Rows).Select(problem.RowCapacity).ToArray();
        var columnCapacity = Enumerable.Range(0, problem.Columns).Select(problem.ColumnCapacity).ToArray();

        // The side that must be filled becomes the rows; in partial mode the orientation does not matter.
        _transposed = !problem.Partial && rowCapacity.Sum(c => (long)c) > columnCapacity.Sum(c => (long)c);
        (_rowCapacity, _columnCapacity) = _transposed ? (columnCapacity, rowCapacity) : (rowCapacity, columnCapacity);
        (_rows, _columns) = _transposed ? (problem.Columns, problem.Rows) : (problem.Rows, problem.Columns);
        if (problem.Sparse is { } sparse)
        {
            _sparseRows = Enumerable.Range(0, _rows).Select(_ => new List<(int Column, long Cost)>()).ToArray();
            for (var r = 0; r < sparse.Rows; r++)
            {
                foreach (var cell in sparse.RowCells(r))
                {
                    var (row, column) = _transposed ? (cell.Column, r) : (r, cell.Column);
                    _sparseRows[row].Add((column, _sign * cell.Cost));
                }
            }
        }
    }

    public AssignmentResult Run()
    {
        var required = _problem.Partial ? 0 : _rowCapacity.Sum(c => (long)c);
        var candidates = new List<int>[_rows];
        for (var r = 0; r < _rows; r++)
        {
            candidates[r] = [];
        }

        var average = (double)CountAllowed() / Math.Max(1, _rows);
        var full = _problem.Sparse is not null || average < 3 * CandidatesPerRow;
        if (full)
        {
            AddAll(candidates);
        }
        else
        {
            AddCheapest(candidates);
        }

        var rounds = 0;
        while (true)
        {
            rounds++;
            var (start, column, cost) = Graph(candidates);
            var network = new UnitFlowNetwork(_rowCapacity, _columnCapacity, start, column, cost);
            if (!network.Run(_problem.Partial, required))
            {
                if (full)
                {
                    return AssignmentResult.Infeasible(rounds);
                }

                full = true;
                AddAll(candidates);
                continue;
            }

            var (rowDual, columnDual) = network.Duals(_problem.Partial, start, column, cost);
            if (!full && PriceOut(candidates, rowDual, columnDual, CandidatesPerRow << Math.Min(rounds, 12)) > 0)
            {
                continue;
            }

            return Finish(network, rowDual, columnDual, rounds, start[^1]);
        }
    }

    private AssignmentResult Finish(UnitFlowNetwork network, long[] rowDual, long[] columnDual, int rounds, long cells)
    {
        var pairs = new List<(AssignedPair Pair, long Dual)>();
        long objective = 0;
        foreach (var (r, c, arc) in network.Matched())
        {
            var minCost = network.ArcCost(arc);
            var (row, col) = _transposed ? (c, r) : (r, c);
            var original = _sign * minCost;

            // The extra dual of a saturated pair: how far its row and column duals exceed its cost.
            pairs.Add((new AssignedPair(row, col, original), rowDual[r] + columnDual[c] - minCost));
            objective += original;
        }

        pairs.Sort((a, b) => a.Pair.Row != b.Pair.Row ? a.Pair.Row.CompareTo(b.Pair.Row) : a.Pair.Column.CompareTo(b.Pair.Column));
        var rows = rowDual.Select(u => _sign * u).ToArray();
        var columns = columnDual.Select(v => _sign * v).ToArray();
        return new AssignmentResult
        {
            Status = AssignmentStatus.Optimal,
            Pairs = pairs.Select(p => p.Pair).ToArray(),
            PairDuals = pairs.Select(p => p.Dual).ToArray(),
            Objective = objective,
            RowDuals = _transposed ? columns : rows,
            ColumnDuals = _transposed ? rows : columns,
            Rounds = rounds,
            CandidateCells = cells,
        };
    }

    // The allowed cells of a row, in the solver's orientation and in minimisation form.
    private List<(int Column, long Cost)> RowCells(int row)
    {
        if (_sparseRows is not null)
        {
            return _sparseRows[row];
        }

        _cells.Clear();

        for (var c = 0; c < _columns; c++)
        {
            var allowed = _transposed ? _problem.TryGetCost(c, row, out var value) : _problem.TryGetCost(row, c, out value);
            if (allowed)
            {
                _cells.Add((c, _sign * value));
            }
        }

        return _cells;
    }

    private long CountAllowed()
    {
        if (_problem.Sparse is { } sparse)
        {
            return sparse.Count;
        }

        long count = 0;
        for (var r = 0; r < _rows; r++)
        {
            count += RowCells(r).Count;
        }

        return count;
    }

    private void AddAll(List<int>[] candidates)
    {
        for (var r = 0; r < _rows; r++)
        {
            candidates[r].Clear();
            candidates[r].AddRange(RowCells(r).Select(cell => cell.Column));
        }
    }

    // Each row's cheapest cells and each column's cheapest rows: most optimal pairs are among them.
    private void AddCheapest(List<int>[] candidates)
    {
        var columnBest = new List<(long Cost, int Row)>[_columns];
        for (var c = 0; c < _columns; c++)
        {
            columnBest[c] = [];
        }

        for (var r = 0; r < _rows; r++)
        {
            var cells = RowCells(r);
            foreach (var (column, cost) in cells)
            {
                var best = columnBest[column];
                best.Add((cost, r));
                if (best.Count > 2 * CandidatesPerRow)
                {
                    best.Sort();
                    best.RemoveRange(CandidatesPerRow, best.Count - CandidatesPerRow);
                }
            }

            candidates[r].AddRange(cells.OrderBy(cell => cell.Cost).Take(CandidatesPerRow).Select(cell => cell.Column));
        }

        for (var c = 0; c < _columns; c++)
        {
            foreach (var (_, row) in columnBest[c].OrderBy(x => x).Take(CandidatesPerRow))
            {
                if (!candidates[row].Contains(c))
                {
                    candidates[row].Add(c);
                }
            }
        }
    }

    // Adds, per row, the most negative reduced costs outside the graph; none left proves the duals for every cell.
    private long PriceOut(List<int>[] candidates, long[] rowDual, long[] columnDual, int perRow)
    {
        long added = 0;
        var inGraph = new HashSet<int>();
        var found = new List<(long Reduced, int Column)>();
        for (var r = 0; r < _rows; r++)
        {
            inGraph.Clear();
            inGraph.UnionWith(candidates[r]);
            found.Clear();
            foreach (var (column, cost) in RowCells(r))
            {
                var reduced = cost - rowDual[r] - columnDual[column];
                if (reduced < 0 && !inGraph.Contains(column))
                {
                    found.Add((reduced, column));
                }
            }

            found.Sort();
            foreach (var (_, column) in found.Take(perRow))
            {
                candidates[r].Add(column);
                added++;
            }
        }

        return added;
    }

    private (int[] Start, int[] Column, long[] Cost) Graph(List<int>[] candidates)
    {
        var start = new int[_rows + 1];
        for (var r = 0; r < _rows; r++)
        {
            start[r + 1] = start[r] + candidates[r].Count;
        }

        var column = new int[start[^1]];
        var cost = new long[start[^1]];
        for (var r = 0; r < _rows; r++)
        {
            var costs = RowCells(r).ToDictionary(cell => cell.Column, cell => cell.Cost);
            var at = start[r];
            foreach (var c in candidates[r])
            {
                column[at] = c;
                cost[at++] = costs[c];
            }
        }

        return (start, column, cost);
    }
}
