using System.Runtime.CompilerServices;

namespace Reciproca.Matching.Assignment;

/// <summary>
/// Classic dense LAPJV (Jonker and Volgenant, 1987) for small square problems without forbidden cells:
/// column reduction with reduction transfer, two passes of augmenting row reduction, then shortest
/// augmenting paths with the O(n^2) array Dijkstra. Below a few hundred rows it beats building any graph.
/// Same conventions as <see cref="SparseLap"/>: explicit column duals, implicit row duals.
/// </summary>
internal sealed class DenseLap : ILapSolution
{
    private readonly int _n;
    private readonly long[] _cost;
    private readonly int[] _rowToColumn;
    private readonly int[] _columnToRow;
    private readonly long[] _v;

    public DenseLap(int n, long[] cost)
    {
        _n = n;
        _cost = cost;
        _rowToColumn = new int[n];
        _columnToRow = new int[n];
        _v = new long[n];
    }

    public int[] RowToColumn => _rowToColumn;

    public long[] ColumnDuals => _v;

    public long RowDual(int row) => _cost[(row * _n) + _rowToColumn[row]] - _v[_rowToColumn[row]];

    /// <summary>Returns the rented cost array; the row duals are unavailable afterwards.</summary>
    public void Release() => System.Buffers.ArrayPool<long>.Shared.Return(_cost);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Solve()
    {
        var n = _n;
        var c = _cost;
        var x = _rowToColumn;
        var y = _columnToRow;
        var v = _v;
        var free = new int[n];
        var matches = new int[n];
        Array.Fill(x, -1);

        // Column reduction, last column first as in the original.
        for (var j = n - 1; j >= 0; j--)
        {
            var min = c[j];
            var imin = 0;
            for (var i = 1; i < n; i++)
            {
                if (c[(i * n) + j] < min)
                {
                    min = c[(i * n) + j];
                    imin = i;
                }
            }

            v[j] = min;
            if (++matches[imin] == 1)
            {
                x[imin] = j;
                y[j] = imin;
            }
            else
            {
                y[j] = -1;
            }
        }

        // Reduction transfer from rows chosen exactly once; collect free rows.
        var numFree = 0;
        for (var i = 0; i < n; i++)
        {
            if (matches[i] == 0)
            {
                free[numFree++] = i;
            }
            else if (matches[i] == 1)
            {
                var j1 = x[i];
                var min = SparseLap.Infinity;
                var row = i * n;
                for (var j = 0; j < n; j++)
                {
                    if (j != j1 && c[row + j] - v[j] < min)
                    {
                        min = c[row + j] - v[j];
                    }
                }

                if (min < SparseLap.Infinity)
                {
                    v[j1] -= min;
                }
            }
        }

        // Augmenting row reduction, two passes.
        for (var pass = 0; pass < 2 && numFree > 0; pass++)
        {
            var k = 0;
            var previous = numFree;
            numFree = 0;
            var budget = (4L * n) + 1000;
            while (k < previous)
            {
                var i = free[k++];
                var row = i * n;
                long u1 = SparseLap.Infinity, u2 = SparseLap.Infinity;
                int j1 = -1, j2 = -1;
                for (var j = 0; j < n; j++)
                {
                    var h = c[row + j] - v[j];
                    if (h < u2)
                    {
                        if (h >= u1)
                        {
                            u2 = h;
                            j2 = j;
                        }
                        else
                        {
                            u2 = u1;
                            j2 = j1;
                            u1 = h;
                            j1 = j;
                        }
                    }
                }

                var i0 = y[j1];
                var strict = u1 < u2;
                if (j2 >= 0 && strict)
                {
                    v[j1] -= u2 - u1;
                }
                else if (i0 >= 0 && j2 >= 0)
                {
                    j1 = j2;
                    i0 = y[j2];
                }

                if (i0 >= 0)
                {
                    x[i0] = -1;
                }

                x[i] = j1;
                y[j1] = i;
                if (i0 >= 0)
                {
                    if (strict && j2 >= 0 && --budget > 0)
                    {
                        free[--k] = i0;
                    }
                    else
                    {
                        free[numFree++] = i0;
                    }
                }
            }
        }

        // Shortest augmenting paths (LAPJV's augment phase with todo/ready column lists).
        var d = new long[n];
        var pred = new int[n];
        var columns = new int[n];
        for (var f = 0; f < numFree; f++)
        {
            var freeRow = free[f];
            var row = freeRow * n;
            for (var j = 0; j < n; j++)
            {
                d[j] = c[row + j] - v[j];
                pred[j] = freeRow;
                columns[j] = j;
            }

            int low = 0, up = 0, last = 0, endOfPath = -1;
            long min = 0;
            while (endOfPath < 0)
            {
                if (up == low)
                {
                    // Gather the columns at the new minimum distance.
                    last = low - 1;
                    min = d[columns[up++]];
                    for (var k = up; k < n; k++)
                    {
                        var j = columns[k];
                        var h = d[j];
                        if (h <= min)
                        {
                            if (h < min)
                            {
                                up = low;
                                min = h;
                            }

                            columns[k] = columns[up];
                            columns[up++] = j;
                        }
                    }

                    for (var k = low; k < up; k++)
                    {
                        if (y[columns[k]] < 0)
                        {
                            endOfPath = columns[k];
                            break;
                        }
                    }
                }

                if (endOfPath >= 0)
                {
                    break;
                }

                // Scan one column at the minimum: relax through its row.
                var j1 = columns[low++];
                var i = y[j1];
                var iRow = i * n;
                var u1 = c[iRow + j1] - v[j1] - min;
                for (var k = up; k < n; k++)
                {
                    var j = columns[k];
                    var h = c[iRow + j] - v[j] - u1;
                    if (h < d[j])
                    {
                        pred[j] = i;
                        if (h == min)
                        {
                            if (y[j] < 0)
                            {
                                endOfPath = j;
                                break;
                            }

                            columns[k] = columns[up];
                            columns[up++] = j;
                        }

                        d[j] = h;
                    }
                }
            }

            // Dual update for the columns scanned before the end of the path.
            for (var k = 0; k <= last; k++)
            {
                var j = columns[k];
                v[j] += d[j] - min;
            }

            // Augment.
            var col = endOfPath;
            while (true)
            {
                var i = pred[col];
                y[col] = i;
                var previous = x[i];
                x[i] = col;
                if (i == freeRow)
                {
                    break;
                }

                col = previous;
            }
        }
    }
}
