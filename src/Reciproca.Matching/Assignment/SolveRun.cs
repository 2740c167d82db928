using System.Runtime.CompilerServices;

namespace Reciproca.Matching.Assignment;

/// <summary>
/// One solve: reduces the problem to "every row slot matched, columns may stay free" (capacities become
/// slots, the larger side becomes the columns, the partial mode adds one zero-cost "unmatched" column per
/// row slot), runs <see cref="SparseLap"/> on a candidate graph and maps the certificate back.
/// </summary>
internal sealed partial class SolveRun
{
    private readonly AssignmentProblem _problem;
    private readonly SolverOptions _options;
    private readonly bool _transposed;
    private readonly bool _maximize;
    private readonly int[] _rowCapacity;
    private readonly int[] _columnCapacity;
    private readonly int[] _rowFirstSlot;
    private readonly int[] _columnFirstSlot;
    private readonly int _rowSlots;
    private readonly int _columnSlots;
    private readonly int _coreRows;
    private readonly int _coreColumns;

    public SolveRun(AssignmentProblem problem, SolverOptions options)
    {
        _problem = problem;
        _options = options;
        _maximize = problem.Sense == ObjectiveSense.Maximize;
        var rowCapacity = Enumerable.Range(0, problem.Rows).Select(problem.RowCapacity).ToArray();
        var columnCapacity = Enumerable.Range(0, problem.Columns).Select(problem.ColumnCapacity).ToArray();
        _transposed = rowCapacity.Sum(c => (long)c) > columnCapacity.Sum(c => (long)c);
        (_rowCapacity, _columnCapacity) = _transposed ? (columnCapacity, rowCapacity) : (rowCapacity, columnCapacity);
        _coreRows = _rowCapacity.Length;
        _coreColumns = _columnCapacity.Length;
        _rowFirstSlot = FirstSlots(_rowCapacity);
        _columnFirstSlot = FirstSlots(_columnCapacity);
        _rowSlots = _rowFirstSlot[^1];
        _columnSlots = _columnFirstSlot[^1];
    }

    public AssignmentResult Run()
    {
        if (_rowSlots == 0)
        {
            return Finish(new int[0], [], [], 1, 0);
        }

        var source = CreateSource();
        if (TrySmallDense(source) is { } small)
        {
            try
            {
                var (smallRowDual, smallColumnDual) = SlotDualsToCore(small, forPricing: true);
                return Finish(small.RowToColumn, smallRowDual, smallColumnDual, 1, (long)_rowSlots * _rowSlots, small);
            }
            finally
            {
                small.Release();
            }
        }

        var lapColumns = _columnSlots + (_problem.Partial ? _rowSlots : 0);
        var lap = new SparseLap(_rowSlots, lapColumns);
        var activeRows = _rowCapacity.Select(c => c > 0).ToArray();
        var candidates = new List<int>[_coreRows];
        for (var r = 0; r < _coreRows; r++)
        {
            candidates[r] = [];
        }

        // Mid-sized dense matrices do better with fewer candidates: each column's cheapest rows are then more
        // often someone's cheapest columns too, and the selection pass does less insertion work.
        var k = source is SparseView
            ? _options.SparseCandidatesPerRow
            : Math.Min(_options.CandidatesPerRow, Math.Max(4, _coreColumns / 200));

        // Small or thin problems gain nothing from a candidate graph: solve them whole.
        var full = k <= 0 || source.AverageDegree < 2.5 * k || (long)_coreRows * _coreColumns < _options.WholeBelowCells;
        if (full)
        {
            AddAllAllowed(source, candidates, activeRows);
        }
        else
        {
            source.SelectCheapest(k, candidates, activeRows);
            if (!_problem.Partial)
            {
                AddGreedyMatching(source, candidates, activeRows);
            }
        }

        var rounds = 0;
        var warm = false;
        CandidateGraph? graph = null;
        var before = new int[_coreRows];
        try
        {
            while (true)
            {
                rounds++;
                graph ??= BuildGraph(source, candidates);
                if (!lap.Solve(graph.Start, graph.End, graph.Column, graph.Cost, warm))
                {
                    if (full)
                    {
                        return AssignmentResult.Infeasible(rounds);
                    }

                    full = true;
                    warm = false;
                    AddAllAllowed(source, candidates, activeRows);
                    graph.Release();
                    graph = null;
                    continue;
                }

                var (rowDual, columnDual) = SlotDualsToCore(lap, forPricing: true);
                if (full)
                {
                    return Finish(lap.RowToColumn, rowDual, columnDual, rounds, graph.Cells, lap);
                }

                // The cap per row doubles every round, so a poor first guess cannot flood the graph and the loop
                // still ends quickly.
                var perRow = Math.Max(k, 8) << Math.Min(rounds - 1, 12);
                for (var r = 0; r < _coreRows; r++)
                {
                    before[r] = candidates[r].Count;
                }

                var added = source.PriceOut(rowDual, columnDual, candidates, activeRows, perRow);
                if (added == 0)
                {
                    return Finish(lap.RowToColumn, rowDual, columnDual, rounds, graph.Cells, lap);
                }

                if (rounds >= _options.MaxRounds)
                {
                    full = true;
                    AddAllAllowed(source, candidates, activeRows);
                    graph.Release();
                    graph = null;
                }
                else
                {
                    // New cells usually fit in the room left after each row; otherwise the graph is rebuilt.
                    for (var r = 0; r < _coreRows && graph is not null; r++)
                    {
                        if (candidates[r].Count > before[r] && !TryAppend(graph, source, r, candidates[r], before[r]))
                        {
                            graph.Release();
                            graph = null;
                        }
                    }
                }

                warm = true;
            }
        }
        finally
        {
            graph?.Release();
        }
    }

    private static int[] FirstSlots(int[] capacity)
    {
        var first = new int[capacity.Length + 1];
        for (var a = 0; a < capacity.Length; a++)
        {
            first[a + 1] = first[a] + capacity[a];
        }

        return first;
    }

    private ICostSource CreateSource()
    {
        if (_problem.Dense is { } matrix)
        {
            return matrix.Int32Values is { } ints
                ? DenseView.Create(ints, matrix.Rows, matrix.Columns, _transposed, _maximize)
                : DenseView.Create(matrix.Int64Values!, matrix.Rows, matrix.Columns, _transposed, _maximize);
        }

        var (start, column, cost) = CoreSparse();
        return new SparseView(_coreRows, _coreColumns, start, column, cost);
    }

    // Small square dense problems without forbidden cells go to the array LAPJV directly.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private DenseLap? TrySmallDense(ICostSource source)
    {
        if (source is SparseView || _problem.Partial || _rowSlots != _columnSlots || (long)_coreRows * _coreColumns >= _options.WholeBelowCells
            || (long)_rowSlots * _rowSlots > 4 * _options.WholeBelowCells)
        {
            return null;
        }

        var n = _rowSlots;

        // Rented: a fresh array of this size would land on the large object heap at every call.
        var cost = System.Buffers.ArrayPool<long>.Shared.Rent(n * n);
        var columnOwner = Owners(_columnFirstSlot);
        // Equal counts are not enough: capacities 2, 0, 1 also make three slots for three columns.
        var sameShape = _columnCapacity.All(c => c == 1);
        var buffer = sameShape ? null : new long[_coreColumns];
        for (var r = 0; r < _coreRows; r++)
        {
            var first = _rowFirstSlot[r];
            if (first == _rowFirstSlot[r + 1])
            {
                continue;
            }

            var target = cost.AsSpan(first * n, n);
            if (!source.TryCopyRow(r, sameShape ? target : buffer))
            {
                System.Buffers.ArrayPool<long>.Shared.Return(cost);
                return null;
            }

            if (!sameShape)
            {
                for (var t = 0; t < n; t++)
                {
                    target[t] = buffer![columnOwner[t]];
                }
            }

            for (var s = first + 1; s < _rowFirstSlot[r + 1]; s++)
            {
                target.CopyTo(cost.AsSpan(s * n, n));
            }
        }

        var lap = new DenseLap(n, cost);
        lap.Solve();
        return lap;
    }

    private (int[] Start, int[] Column, long[] Cost)? _coreSparse;

    // The sparse input in the solver's orientation and in minimisation form.
    private (int[] Start, int[] Column, long[] Cost) CoreSparse()
    {
        if (_coreSparse is { } cached)
        {
            return cached;
        }

        var matrix = _problem.Sparse!;
        var sign = _maximize ? -1 : 1;
        if (!_transposed)
        {
            var costs = _maximize ? matrix.Costs.Select(c => -c).ToArray() : matrix.Costs;
            _coreSparse = (matrix.RowStart, matrix.ColumnIndex, costs);
            return _coreSparse.Value;
        }

        var start = new int[matrix.Columns + 1];
        foreach (var c in matrix.ColumnIndex)
        {
            start[c + 1]++;
        }

        for (var c = 0; c < matrix.Columns; c++)
        {
            start[c + 1] += start[c];
        }

        var next = (int[])start.Clone();
        var column = new int[matrix.Count];
        var cost = new long[matrix.Count];
        for (var r = 0; r < matrix.Rows; r++)
        {
            for (var a = matrix.RowStart[r]; a < matrix.RowStart[r + 1]; a++)
            {
                var at = next[matrix.ColumnIndex[a]]++;
                column[at] = r;
                cost[at] = sign * matrix.Costs[a];
            }
        }

        _coreSparse = (start, column, cost);
        return _coreSparse.Value;
    }
}
