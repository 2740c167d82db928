namespace Reciproca.Matching.Assignment;

/// <summary>Mapping the solution and the duals from slots back to people, rows and columns.</summary>
internal sealed partial class SolveRun
{
    // Per core row and column: the largest dual over its slots. For pricing the raw LAP duals are used;
    // for the certificate the partial mode folds each row slot's "unmatched" column dual into the row.
    private (long[] Row, long[] Column) SlotDualsToCore(ILapSolution lap, bool forPricing)
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

    private AssignmentResult Finish(int[] rowToColumn, long[] pricingRowDual, long[] pricingColumnDual, int rounds, long cells, ILapSolution? lap = null)
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
