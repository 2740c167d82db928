using System.Runtime.CompilerServices;

namespace Reciproca.Matching.Assignment;

/// <summary>
/// Jonker-Volgenant shortest augmenting path on a sparse graph (compressed sparse rows), rows &lt;= columns,
/// every row must be matched. Column duals are explicit; a row's dual is implicit (the reduced cost of its
/// matched cell is zero), which is the classic LAPJV invariant: an assigned row's cell minimises
/// <c>cost - v</c> over the row.
/// </summary>
/// <remarks>
/// When rows &lt; columns the columns start at <c>v = 0</c> and <c>v</c> only ever decreases, and a column's
/// <c>v</c> only changes while it is (about to be) matched, so free columns keep <c>v = 0</c>: exactly the
/// sign and slackness conditions of the rectangular dual. Column reduction would break that, so it runs
/// only on square problems.
/// </remarks>
internal sealed class SparseLap : ILapSolution
{
    internal const long Infinity = long.MaxValue / 4;

    private readonly int _rows;
    private readonly int _columns;
    private readonly int[] _rowToColumn;
    private readonly int[] _columnToRow;
    private readonly long[] _matchedCost;
    private readonly long[] _v;
    private readonly long[] _distance;
    private readonly int[] _predecessor;
    private readonly long[] _predecessorCost;

    // Per column, 2g when its distance was set in search g, 2g + 1 once it is scanned: one array, one load.
    private readonly int[] _state;
    private readonly List<int> _scannedList = [];
    private readonly RadixHeap _heap = new();
    private int _generation;

    public SparseLap(int rows, int columns)
    {
        _rows = rows;
        _columns = columns;
        _rowToColumn = new int[rows];
        _columnToRow = new int[columns];
        _matchedCost = new long[rows];
        _v = new long[columns];
        _distance = new long[columns];
        _predecessor = new int[columns];
        _predecessorCost = new long[columns];
        _state = new int[columns];
    }

    public int[] RowToColumn => _rowToColumn;

    public long[] ColumnDuals => _v;

    public long RowDual(int row) => _matchedCost[row] - _v[_rowToColumn[row]];

    /// <summary>
    /// Solves from scratch, or warm from the previous duals and assignment. Row i's cells are
    /// <c>start[i] .. end[i]</c>, which leaves room to append cells between rounds.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool Solve(int[] start, int[] end, int[] column, long[] cost, bool warm)
    {
        for (var i = 0; i < _rows; i++)
        {
            if (start[i] == end[i])
            {
                return false;
            }
        }

        var free = new int[_rows];
        int freeCount;
        if (warm)
        {
            freeCount = WarmStart(start, end, column, cost, free);
        }
        else if (_rows == _columns)
        {
            if (!ColumnReduction(start, end, column, cost))
            {
                return false;
            }

            freeCount = CollectFree(free);
        }
        else
        {
            Array.Fill(_rowToColumn, -1);
            Array.Fill(_columnToRow, -1);
            Array.Clear(_v);
            for (var i = 0; i < _rows; i++)
            {
                free[i] = i;
            }

            freeCount = _rows;
        }

        for (var pass = 0; pass < 2 && freeCount > 0; pass++)
        {
            freeCount = AugmentingRowReduction(start, end, column, cost, free, freeCount);
        }

        for (var f = 0; f < freeCount; f++)
        {
            if (!Augment(free[f], start, end, column, cost))
            {
                return false;
            }
        }

        return true;
    }

    private int CollectFree(int[] free)
    {
        var count = 0;
        for (var i = 0; i < _rows; i++)
        {
            if (_rowToColumn[i] < 0)
            {
                free[count++] = i;
            }
        }

        return count;
    }

    // Keeps a previous match only where it still minimises cost - v over the (larger) row. In a rectangular
    // problem a column freed that way must return to v = 0 (free columns keep zero duals), which can break
    // other rows' matches in turn: repeat until nothing changes. With many ties this can release most rows,
    // so a warm rectangular (or partial) round may cost as much as a cold one.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int WarmStart(int[] start, int[] end, int[] column, long[] cost, int[] free)
    {
        var rectangular = _rows < _columns;
        bool changed;
        do
        {
            changed = false;
            if (rectangular)
            {
                for (var j = 0; j < _columns; j++)
                {
                    if (_columnToRow[j] < 0)
                    {
                        _v[j] = 0;
                    }
                }
            }

            for (var i = 0; i < _rows; i++)
            {
                var j = _rowToColumn[i];
                if (j < 0)
                {
                    continue;
                }

                var best = Infinity;
                for (var a = start[i]; a < end[i]; a++)
                {
                    var h = cost[a] - _v[column[a]];
                    if (h < best)
                    {
                        best = h;
                    }
                }

                if (_matchedCost[i] - _v[j] > best)
                {
                    _rowToColumn[i] = -1;
                    _columnToRow[j] = -1;
                    changed |= rectangular && _v[j] != 0;
                }
            }
        }
        while (changed);

        return CollectFree(free);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool ColumnReduction(int[] start, int[] end, int[] column, long[] cost)
    {
        Array.Fill(_rowToColumn, -1);
        Array.Fill(_columnToRow, -1);
        Array.Fill(_v, Infinity);
        var minRow = _predecessor;
        for (var i = 0; i < _rows; i++)
        {
            for (var a = start[i]; a < end[i]; a++)
            {
                var j = column[a];
                if (cost[a] < _v[j])
                {
                    _v[j] = cost[a];
                    minRow[j] = i;
                }
            }
        }

        var timesChosen = _state;
        Array.Clear(timesChosen);
        for (var j = _columns - 1; j >= 0; j--)
        {
            if (_v[j] == Infinity)
            {
                return false;
            }

            var i = minRow[j];
            timesChosen[i]++;
            if (_rowToColumn[i] < 0)
            {
                _rowToColumn[i] = j;
                _columnToRow[j] = i;
                _matchedCost[i] = _v[j];
            }
        }

        // Reduction transfer: a row chosen by exactly one column lowers that column's price by the row's
        // second-best reduced cost, so the row's slack moves to the column (LAPJV).
        for (var i = 0; i < _rows; i++)
        {
            var j1 = _rowToColumn[i];
            if (j1 < 0 || timesChosen[i] != 1)
            {
                continue;
            }

            var min = Infinity;
            for (var a = start[i]; a < end[i]; a++)
            {
                var j = column[a];
                if (j != j1)
                {
                    var h = cost[a] - _v[j];
                    if (h < min)
                    {
                        min = h;
                    }
                }
            }

            if (min < Infinity)
            {
                _v[j1] -= min;
            }
        }

        Array.Clear(_state);
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int AugmentingRowReduction(int[] start, int[] end, int[] column, long[] cost, int[] free, int previousFree)
    {
        var k = 0;
        var freeCount = 0;
        var budget = (4L * _rows) + 1000;
        while (k < previousFree)
        {
            var i = free[k++];
            long u1 = Infinity, u2 = Infinity, c1 = 0, c2 = 0;
            int j1 = -1, j2 = -1;
            for (var a = start[i]; a < end[i]; a++)
            {
                var j = column[a];
                var h = cost[a] - _v[j];
                if (h < u2)
                {
                    if (h >= u1)
                    {
                        u2 = h;
                        j2 = j;
                        c2 = cost[a];
                    }
                    else
                    {
                        u2 = u1;
                        j2 = j1;
                        c2 = c1;
                        u1 = h;
                        j1 = j;
                        c1 = cost[a];
                    }
                }
            }

            if (j2 < 0)
            {
                // A single cell: take it if free, otherwise leave the row to the shortest-path phase.
                if (_columnToRow[j1] < 0)
                {
                    Assign(i, j1, c1);
                }
                else
                {
                    free[freeCount++] = i;
                }

                continue;
            }

            var i0 = _columnToRow[j1];
            var strict = u1 < u2;
            if (strict)
            {
                _v[j1] -= u2 - u1;
            }
            else if (i0 >= 0)
            {
                j1 = j2;
                c1 = c2;
                i0 = _columnToRow[j2];
            }

            if (i0 >= 0)
            {
                _rowToColumn[i0] = -1;
            }

            Assign(i, j1, c1);
            if (i0 >= 0)
            {
                if (strict && --budget > 0)
                {
                    free[--k] = i0;
                }
                else
                {
                    free[freeCount++] = i0;
                }
            }
        }

        return freeCount;
    }

    private void Assign(int row, int column, long cost)
    {
        _rowToColumn[row] = column;
        _columnToRow[column] = row;
        _matchedCost[row] = cost;
    }

    // Dijkstra on reduced costs from one free row to the nearest free column, then the JV dual update.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool Augment(int freeRow, int[] start, int[] end, int[] column, long[] cost)
    {
        var touched = 2 * ++_generation;
        var scanned = touched + 1;
        _scannedList.Clear();
        var floor = Infinity;
        for (var a = start[freeRow]; a < end[freeRow]; a++)
        {
            floor = Math.Min(floor, cost[a] - _v[column[a]]);
        }

        // A free column at the smallest distance so far ends the search at once: every distance still to
        // be settled is at least that one (the LAPJV shortcut; it saves scanning the tied columns).
        var endColumn = -1;
        _heap.Reset(floor);
        for (var a = start[freeRow]; a < end[freeRow]; a++)
        {
            var j = column[a];
            var d = cost[a] - _v[j];
            if (_state[j] != touched || d < _distance[j])
            {
                _state[j] = touched;
                _distance[j] = d;
                _predecessor[j] = freeRow;
                _predecessorCost[j] = cost[a];
                if (d == floor && _columnToRow[j] < 0)
                {
                    endColumn = j;
                    break;
                }

                _heap.Push(d, j);
            }
        }

        while (endColumn < 0 && _heap.TryPop(out var d, out var j))
        {
            if (_state[j] == scanned || d > _distance[j])
            {
                continue;
            }

            _state[j] = scanned;
            var i = _columnToRow[j];
            if (i < 0)
            {
                endColumn = j;
                break;
            }

            _scannedList.Add(j);
            var ui = _matchedCost[i] - _v[j];
            for (var a = start[i]; a < end[i]; a++)
            {
                var k = column[a];
                var state = _state[k];
                if (state == scanned)
                {
                    continue;
                }

                var nd = d + (cost[a] - _v[k] - ui);
                if (state != touched || nd < _distance[k])
                {
                    _state[k] = touched;
                    _distance[k] = nd;
                    _predecessor[k] = i;
                    _predecessorCost[k] = cost[a];
                    if (nd == d && _columnToRow[k] < 0)
                    {
                        endColumn = k;
                        break;
                    }

                    _heap.Push(nd, k);
                }
            }
        }

        if (endColumn < 0)
        {
            return false;
        }

        var endDistance = _distance[endColumn];
        foreach (var j in _scannedList)
        {
            _v[j] += _distance[j] - endDistance;
        }

        var col = endColumn;
        while (true)
        {
            var i = _predecessor[col];
            var previous = _rowToColumn[i];
            Assign(i, col, _predecessorCost[col]);
            if (i == freeRow)
            {
                break;
            }

            col = previous;
        }

        return true;
    }
}
