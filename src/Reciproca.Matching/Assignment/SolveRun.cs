namespace Reciproca.Matching.Assignment;

/// <summary>
/// One solve: reduces the problem to "every row slot matched, columns may stay free" (capacities become
/// slots, the larger side becomes the columns, the partial mode adds one zero-cost "unmatched" column per
/// row slot), runs <see cref="SparseLap"/> on a candidate graph and maps the certificate back.
/// </summary>
internal sealed class SolveRun
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

        var lapColumns = _columnSlots + (_problem.Partial ? _rowSlots : 0);
        var lap = new SparseLap(_rowSlots, lapColumns);
        var activeRows = _rowCapacity.Select(c => c > 0).ToArray();
        var candidates = new List<int>[_coreRows];
        for (var r = 0; r < _coreRows; r++)
        {
            candidates[r] = [];
        }

        var dense = CreateDenseView();
        var full = dense is null || _options.CandidatesPerRow <= 0 || _options.CandidatesPerRow >= _coreColumns;
        if (full)
        {
            AddAllAllowed(dense, candidates, activeRows);
        }
        else
        {
            dense!.SelectCheapest(_options.CandidatesPerRow, candidates, activeRows);
            if (!_problem.Partial)
            {
                AddGreedyMatching(dense, candidates, activeRows);
            }
        }

        var rounds = 0;
        var warm = false;
        while (true)
        {
            rounds++;
            var (start, column, cost) = BuildGraph(dense, candidates);
            if (!lap.Solve(start, column, cost, warm))
            {
                if (full)
                {
                    return AssignmentResult.Infeasible(rounds);
                }

                full = true;
                warm = false;
                AddAllAllowed(dense, candidates, activeRows);
                continue;
            }

            var (rowDual, columnDual) = SlotDualsToCore(lap, forPricing: true);
            if (full)
            {
                return Finish(lap.RowToColumn, rowDual, columnDual, rounds, cost.Length, lap);
            }

            var added = dense!.PriceOut(rowDual, columnDual, candidates, activeRows);
            if (added == 0)
            {
                return Finish(lap.RowToColumn, rowDual, columnDual, rounds, cost.Length, lap);
            }

            if (rounds >= _options.MaxRounds)
            {
                full = true;
                AddAllAllowed(dense, candidates, activeRows);
            }

            // Warm restarts keep the duals; that is only sound when no column is allowed to stay free.
            warm = _rowSlots == lapColumns;
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

    private IDenseView? CreateDenseView()
    {
        if (_problem.Dense is not { } matrix)
        {
            return null;
        }

        return matrix.Int32Values is { } ints
            ? DenseView<int>.Create(ints, matrix.Rows, matrix.Columns, _transposed, _maximize)
            : DenseView<long>.Create(matrix.Int64Values!, matrix.Rows, matrix.Columns, _transposed, _maximize);
    }

    private void AddAllAllowed(IDenseView? dense, List<int>[] candidates, bool[] activeRows)
    {
        for (var r = 0; r < _coreRows; r++)
        {
            var list = candidates[r];
            list.Clear();
            if (!activeRows[r])
            {
                continue;
            }

            if (dense is not null)
            {
                for (var c = 0; c < _coreColumns; c++)
                {
                    if (dense.IsAllowed(r, c))
                    {
                        list.Add(c);
                    }
                }
            }
        }
    }

    // Seeds the candidate graph with one complete assignment so that it is feasible whenever the greedy
    // pass succeeds (always, without forbidden cells); the rows' cheapest candidates are tried first.
    private void AddGreedyMatching(IDenseView dense, List<int>[] candidates, bool[] activeRows)
    {
        var left = (int[])_columnCapacity.Clone();
        var scan = 0;
        for (var r = 0; r < _coreRows; r++)
        {
            if (!activeRows[r])
            {
                continue;
            }

            var list = candidates[r];
            var need = _rowCapacity[r];
            var taken = new HashSet<int>();
            foreach (var c in list)
            {
                if (need > 0 && left[c] > 0 && taken.Add(c))
                {
                    left[c]--;
                    need--;
                }
            }

            for (var tries = 0; need > 0 && tries < _coreColumns; tries++)
            {
                var c = scan;
                scan = (scan + 1) % _coreColumns;
                if (left[c] > 0 && dense.IsAllowed(r, c) && taken.Add(c))
                {
                    left[c]--;
                    need--;
                    list.Add(c);
                }
            }
        }
    }

    private (int[] Start, int[] Column, long[] Cost) BuildGraph(IDenseView? dense, List<int>[] candidates)
    {
        var partial = _problem.Partial;
        long arcs = 0;
        for (var r = 0; r < _coreRows; r++)
        {
            var perSlot = partial ? 1L : 0L;
            if (dense is null)
            {
                perSlot += SparseRowSlotArcs(r);
            }
            else
            {
                foreach (var c in candidates[r])
                {
                    perSlot += _columnCapacity[c];
                }
            }

            arcs += perSlot * _rowCapacity[r];
        }

        if (arcs > Array.MaxLength)
        {
            throw new InvalidOperationException("The problem is too large for one candidate graph.");
        }

        var start = new int[_rowSlots + 1];
        var column = new int[arcs];
        var cost = new long[arcs];
        var at = 0;
        (int[] Start, int[] Column, long[] Cost)? sparse = dense is null ? CoreSparse() : null;
        for (var r = 0; r < _coreRows; r++)
        {
            for (var s = _rowFirstSlot[r]; s < _rowFirstSlot[r + 1]; s++)
            {
                start[s] = at;
                if (sparse is not null)
                {
                    for (var a = sparse.Value.Start[r]; a < sparse.Value.Start[r + 1]; a++)
                    {
                        var c = sparse.Value.Column[a];
                        for (var t = _columnFirstSlot[c]; t < _columnFirstSlot[c + 1]; t++)
                        {
                            column[at] = t;
                            cost[at++] = sparse.Value.Cost[a];
                        }
                    }
                }
                else
                {
                    foreach (var c in candidates[r])
                    {
                        var value = dense!.Get(r, c);
                        for (var t = _columnFirstSlot[c]; t < _columnFirstSlot[c + 1]; t++)
                        {
                            column[at] = t;
                            cost[at++] = value;
                        }
                    }
                }

                if (partial)
                {
                    column[at] = _columnSlots + s;
                    cost[at++] = 0;
                }
            }
        }

        start[_rowSlots] = at;
        return (start, column, cost);
    }

    private (int[] Start, int[] Column, long[] Cost)? _coreSparse;

    private long SparseRowSlotArcs(int r)
    {
        var sparse = CoreSparse();
        long count = 0;
        for (var a = sparse.Start[r]; a < sparse.Start[r + 1]; a++)
        {
            count += _columnCapacity[sparse.Column[a]];
        }

        return count;
    }

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

    // Per core row and column: the largest dual over its slots. For pricing the raw LAP duals are used;
    // for the certificate the partial mode folds each row slot's "unmatched" column dual into the row.
    private (long[] Row, long[] Column) SlotDualsToCore(SparseLap lap, bool forPricing)
    {
        var rowDual = new long[_coreRows];
        var columnDual = new long[_coreColumns];
        for (var r = 0; r < _coreRows; r++)
        {
            var best = long.MinValue;
            for (var s = _rowFirstSlot[r]; s < _rowFirstSlot[r + 1]; s++)
            {
                var u = lap.RowDual(s);
                if (!forPricing && _problem.Partial)
                {
                    u += lap.ColumnDuals[_columnSlots + s];
                }

                best = Math.Max(best, u);
            }

            rowDual[r] = best;
        }

        for (var c = 0; c < _coreColumns; c++)
        {
            var best = long.MinValue;
            for (var t = _columnFirstSlot[c]; t < _columnFirstSlot[c + 1]; t++)
            {
                best = Math.Max(best, lap.ColumnDuals[t]);
            }

            columnDual[c] = best == long.MinValue ? -SparseLap.Infinity : best;
        }

        return (rowDual, columnDual);
    }

    private AssignmentResult Finish(int[] rowToColumn, long[] pricingRowDual, long[] pricingColumnDual, int rounds, long cells, SparseLap? lap = null)
    {
        long[] rowDual;
        long[] columnDual;
        if (lap is null)
        {
            rowDual = new long[_coreRows];
            columnDual = new long[_coreColumns];
        }
        else
        {
            (rowDual, columnDual) = _problem.Partial ? SlotDualsToCore(lap, forPricing: false) : (pricingRowDual, pricingColumnDual);
        }

        var rowOwner = Owners(_rowFirstSlot);
        var columnOwner = Owners(_columnFirstSlot);
        var pairs = new List<AssignedPair>();
        long objective = 0;
        for (var s = 0; s < rowToColumn.Length; s++)
        {
            var t = rowToColumn[s];
            if (t < 0 || t >= _columnSlots)
            {
                continue;
            }

            var (row, column) = _transposed ? (columnOwner[t], rowOwner[s]) : (rowOwner[s], columnOwner[t]);
            _problem.TryGetCost(row, column, out var value);
            pairs.Add(new AssignedPair(row, column, value));
            objective = checked(objective + value);
        }

        pairs.Sort((a, b) => a.Row != b.Row ? a.Row.CompareTo(b.Row) : a.Column.CompareTo(b.Column));
        FixZeroCapacityDuals(rowDual, columnDual);
        if (_maximize)
        {
            for (var a = 0; a < rowDual.Length; a++)
            {
                rowDual[a] = -rowDual[a];
            }

            for (var a = 0; a < columnDual.Length; a++)
            {
                columnDual[a] = -columnDual[a];
            }
        }

        return new AssignmentResult
        {
            Status = AssignmentStatus.Optimal,
            Pairs = pairs,
            Objective = objective,
            RowDuals = _transposed ? columnDual : rowDual,
            ColumnDuals = _transposed ? rowDual : columnDual,
            Rounds = rounds,
            CandidateCells = cells,
        };
    }

    private static int[] Owners(int[] firstSlot)
    {
        var owner = new int[firstSlot[^1]];
        for (var a = 0; a + 1 < firstSlot.Length; a++)
        {
            for (var s = firstSlot[a]; s < firstSlot[a + 1]; s++)
            {
                owner[s] = a;
            }
        }

        return owner;
    }

    // People with capacity zero have no slot in the graph; any dual at most zero that keeps their cells'
    // reduced costs non-negative completes the certificate.
    private void FixZeroCapacityDuals(long[] rowDual, long[] columnDual)
    {
        for (var c = 0; c < _coreColumns; c++)
        {
            if (_columnCapacity[c] != 0)
            {
                continue;
            }

            var best = 0L;
            for (var r = 0; r < _coreRows; r++)
            {
                if (_rowCapacity[r] > 0 && CoreCost(r, c) is { } value)
                {
                    best = Math.Min(best, value - rowDual[r]);
                }
            }

            columnDual[c] = best;
        }

        for (var r = 0; r < _coreRows; r++)
        {
            if (_rowCapacity[r] != 0)
            {
                continue;
            }

            var best = 0L;
            for (var c = 0; c < _coreColumns; c++)
            {
                if (CoreCost(r, c) is { } value)
                {
                    best = Math.Min(best, value - columnDual[c]);
                }
            }

            rowDual[r] = best;
        }
    }

    private long? CoreCost(int r, int c)
    {
        var (row, column) = _transposed ? (c, r) : (r, c);
        if (!_problem.TryGetCost(row, column, out var value))
        {
            return null;
        }

        return _maximize ? -value : value;
    }
}
