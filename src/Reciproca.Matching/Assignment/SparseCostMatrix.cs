namespace Reciproca.Matching.Assignment;

/// <summary>One allowed cell of a sparse cost matrix.</summary>
/// <param name="Row">Row index (0-based).</param>
/// <param name="Column">Column index (0-based).</param>
/// <param name="Cost">Cost (or weight when maximising), within ±<see cref="CostMatrix.MaxAbsCost"/>.</param>
public readonly record struct SparseCost(int Row, int Column, long Cost);

/// <summary>
/// A sparse cost matrix: only the listed cells are allowed, every other pair is forbidden.
/// Stored in compressed sparse rows (CSR), columns sorted within a row.
/// </summary>
public sealed class SparseCostMatrix
{
    private SparseCostMatrix(int rows, int columns, int[] rowStart, int[] columnIndex, long[] costs)
    {
        Rows = rows;
        Columns = columns;
        RowStart = rowStart;
        ColumnIndex = columnIndex;
        Costs = costs;
    }

    /// <summary>Number of rows.</summary>
    public int Rows { get; }

    /// <summary>Number of columns.</summary>
    public int Columns { get; }

    /// <summary>Number of allowed cells.</summary>
    public int Count => Costs.Length;

    internal int[] RowStart { get; }

    internal int[] ColumnIndex { get; }

    internal long[] Costs { get; }

    /// <summary>Builds the matrix from its allowed cells; a cell listed twice is an error.</summary>
    /// <param name="rows">Number of rows (at least 1).</param>
    /// <param name="columns">Number of columns (at least 1).</param>
    /// <param name="cells">The allowed cells, in any order.</param>
    /// <returns>The matrix.</returns>
    public static SparseCostMatrix Create(int rows, int columns, IEnumerable<SparseCost> cells)
    {
        ArgumentNullException.ThrowIfNull(cells);
        ArgumentOutOfRangeException.ThrowIfLessThan(rows, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(columns, 1);
        var list = cells as IReadOnlyList<SparseCost> ?? cells.ToList();
        var rowStart = new int[rows + 1];
        foreach (var cell in list)
        {
            if ((uint)cell.Row >= (uint)rows || (uint)cell.Column >= (uint)columns)
            {
                throw new ArgumentOutOfRangeException(nameof(cells), $"Cell ({cell.Row}, {cell.Column}) lies outside {rows}x{columns}.");
            }

            if (cell.Cost > CostMatrix.MaxAbsCost || cell.Cost < -CostMatrix.MaxAbsCost)
            {
                throw new ArgumentOutOfRangeException(nameof(cells), cell.Cost, $"Costs must lie within ±{CostMatrix.MaxAbsCost}.");
            }

            rowStart[cell.Row + 1]++;
        }

        for (var r = 0; r < rows; r++)
        {
            rowStart[r + 1] += rowStart[r];
        }

        var next = (int[])rowStart.Clone();
        var columnIndex = new int[list.Count];
        var costs = new long[list.Count];
        foreach (var cell in list)
        {
            var at = next[cell.Row]++;
            columnIndex[at] = cell.Column;
            costs[at] = cell.Cost;
        }

        for (var r = 0; r < rows; r++)
        {
            var start = rowStart[r];
            var length = rowStart[r + 1] - start;
            var keys = columnIndex.AsSpan(start, length);
            keys.Sort(costs.AsSpan(start, length));
            for (var a = 1; a < keys.Length; a++)
            {
                if (keys[a] == keys[a - 1])
                {
                    throw new ArgumentException($"Cell ({r}, {keys[a]}) is listed twice.", nameof(cells));
                }
            }
        }

        return new SparseCostMatrix(rows, columns, rowStart, columnIndex, costs);
    }

    /// <summary>The cost of a cell, or <see langword="null"/> when the cell is forbidden.</summary>
    /// <param name="row">Row index.</param>
    /// <param name="column">Column index.</param>
    /// <returns>The cost, or <see langword="null"/>.</returns>
    public long? Find(int row, int column)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(row);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(row, Rows);
        var start = RowStart[row];
        var at = ColumnIndex.AsSpan(start, RowStart[row + 1] - start).BinarySearch(column);
        return at >= 0 ? Costs[start + at] : null;
    }

    /// <summary>The allowed cells of one row.</summary>
    /// <param name="row">Row index.</param>
    /// <returns>The cells, by increasing column.</returns>
    public IEnumerable<SparseCost> RowCells(int row)
    {
        for (var a = RowStart[row]; a < RowStart[row + 1]; a++)
        {
            yield return new SparseCost(row, ColumnIndex[a], Costs[a]);
        }
    }
}
