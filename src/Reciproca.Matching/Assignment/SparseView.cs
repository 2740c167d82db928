using System.Runtime.CompilerServices;

namespace Reciproca.Matching.Assignment;

/// <summary>A sparse matrix (compressed sparse rows, columns sorted per row) in the solver's orientation and minimisation form.</summary>
internal sealed class SparseView(int rows, int columns, int[] start, int[] column, long[] cost) : ICostSource
{
    public int Rows => rows;

    public int Columns => columns;

    public double AverageDegree => (double)cost.Length / Math.Max(1, rows);

    public long Get(int row, int col)
    {
        var from = start[row];
        var at = column.AsSpan(from, start[row + 1] - from).BinarySearch(col);
        return cost[from + at];
    }

    public void GetCosts(int row, List<int> columns, Span<long> target)
    {
        var from = start[row];
        var keys = column.AsSpan(from, start[row + 1] - from);
        for (var a = 0; a < columns.Count; a++)
        {
            target[a] = cost[from + keys.BinarySearch(columns[a])];
        }
    }

    public bool TryCopyRow(int row, Span<long> target) => false;

    public void AddAllowed(int row, List<int> list)
    {
        for (var a = start[row]; a < start[row + 1]; a++)
        {
            list.Add(column[a]);
        }
    }

    public IEnumerable<int> AllowedColumns(int row, int hint)
    {
        for (var a = start[row]; a < start[row + 1]; a++)
        {
            yield return column[a];
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void SelectCheapest(int k, List<int>[] candidates, bool[] activeRows)
    {
        // Rented: at this size they would land on the large object heap at every solve. Only the first
        // columnCount[c] entries of a column are read, so they need no clearing.
        var columnValues = System.Buffers.ArrayPool<long>.Shared.Rent(columns * k);
        var columnRows = System.Buffers.ArrayPool<int>.Shared.Rent(columns * k);
        var columnCount = new int[columns];
        var bufferValues = new long[k];
        var bufferColumns = new int[k];
        for (var r = 0; r < rows; r++)
        {
            if (!activeRows[r])
            {
                continue;
            }

            var rowCount = 0;
            for (var a = start[r]; a < start[r + 1]; a++)
            {
                var c = column[a];
                var value = cost[a];
                if (rowCount < k || value < bufferValues[k - 1])
                {
                    rowCount = SortedBuffer.Insert<long>(bufferValues, bufferColumns, rowCount, value, c);
                }

                var at = c * k;
                if (columnCount[c] < k || value < columnValues[at + k - 1])
                {
                    columnCount[c] = SortedBuffer.Insert(columnValues.AsSpan(at, k), columnRows.AsSpan(at, k), columnCount[c], value, r);
                }
            }

            for (var a = 0; a < rowCount; a++)
            {
                candidates[r].Add(bufferColumns[a]);
            }
        }

        CandidateLists.AddColumnNeighbours(candidates, k, columnRows, columnCount);

        System.Buffers.ArrayPool<long>.Shared.Return(columnValues);
        System.Buffers.ArrayPool<int>.Shared.Return(columnRows);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public long PriceOut(long[] rowDual, long[] columnDual, List<int>[] candidates, bool[] activeRows, int perRow)
    {
        long added = 0;
        var found = new List<(long Reduced, int Column)>();
        for (var r = 0; r < rows; r++)
        {
            if (!activeRows[r])
            {
                continue;
            }

            found.Clear();
            var u = rowDual[r];
            for (var a = start[r]; a < start[r + 1]; a++)
            {
                var reduced = cost[a] - columnDual[column[a]] - u;
                if (reduced < 0)
                {
                    found.Add((reduced, column[a]));
                }
            }

            added += CandidateLists.AddMostNegative(found, perRow, candidates[r]);
        }

        return added;
    }
}
