namespace Reciproca.Matching.Assignment;

/// <summary>
/// A dense, row-major matrix of integer costs (or weights, when maximising).
/// The matrix wraps the caller's array without copying it: do not change the array while a solve runs.
/// </summary>
public sealed class CostMatrix
{
    /// <summary>Marks a forbidden cell in a 64-bit matrix (in both minimisation and maximisation).</summary>
    public const long Forbidden = long.MinValue;

    /// <summary>Marks a forbidden cell in a 32-bit matrix (in both minimisation and maximisation).</summary>
    public const int ForbiddenInt32 = int.MinValue;

    /// <summary>
    /// Largest absolute cost accepted (2^40). Keeping costs well inside <see cref="long"/> lets dual values and
    /// path lengths, which can reach the number of vertices times the cost range, never overflow.
    /// </summary>
    public const long MaxAbsCost = 1L << 40;

    private CostMatrix(int rows, int columns, int[]? int32Values, long[]? int64Values)
    {
        Rows = rows;
        Columns = columns;
        Int32Values = int32Values;
        Int64Values = int64Values;
    }

    /// <summary>Number of rows.</summary>
    public int Rows { get; }

    /// <summary>Number of columns.</summary>
    public int Columns { get; }

    internal int[]? Int32Values { get; }

    internal long[]? Int64Values { get; }

    /// <summary>Wraps a row-major array of 32-bit costs; <see cref="ForbiddenInt32"/> marks a forbidden cell.</summary>
    /// <param name="rows">Number of rows (at least 1).</param>
    /// <param name="columns">Number of columns (at least 1).</param>
    /// <param name="values">Row-major values, <paramref name="rows"/> times <paramref name="columns"/> of them.</param>
    /// <returns>The matrix.</returns>
    public static CostMatrix FromInt32(int rows, int columns, int[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        CheckShape(rows, columns, values.Length);
        return new CostMatrix(rows, columns, values, null);
    }

    /// <summary>
    /// Wraps a row-major array of 64-bit costs; <see cref="Forbidden"/> marks a forbidden cell and every other
    /// value must lie within plus or minus <see cref="MaxAbsCost"/>.
    /// </summary>
    /// <param name="rows">Number of rows (at least 1).</param>
    /// <param name="columns">Number of columns (at least 1).</param>
    /// <param name="values">Row-major values, <paramref name="rows"/> times <paramref name="columns"/> of them.</param>
    /// <returns>The matrix.</returns>
    public static CostMatrix FromInt64(int rows, int columns, long[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        CheckShape(rows, columns, values.Length);
        foreach (var value in values)
        {
            if (value != Forbidden && (value > MaxAbsCost || value < -MaxAbsCost))
            {
                throw new ArgumentOutOfRangeException(nameof(values), value, $"Costs must lie within ±{MaxAbsCost}.");
            }
        }

        return new CostMatrix(rows, columns, null, values);
    }

    /// <summary>Whether the cell is forbidden.</summary>
    /// <param name="row">Row index.</param>
    /// <param name="column">Column index.</param>
    /// <returns><see langword="true"/> when the pair may not be assigned.</returns>
    public bool IsForbidden(int row, int column) => this[row, column] == Forbidden;

    /// <summary>The cost of a cell, or <see cref="Forbidden"/>.</summary>
    /// <param name="row">Row index.</param>
    /// <param name="column">Column index.</param>
    public long this[int row, int column]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfNegative(row);
            ArgumentOutOfRangeException.ThrowIfNegative(column);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(row, Rows);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(column, Columns);
            var index = ((long)row * Columns) + column;
            if (Int32Values is { } ints)
            {
                var value = ints[index];
                return value == ForbiddenInt32 ? Forbidden : value;
            }

            return Int64Values![index];
        }
    }

    private static void CheckShape(int rows, int columns, int length)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rows, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(columns, 1);
        if ((long)rows * columns != length)
        {
            throw new ArgumentException($"Expected {(long)rows * columns} values for {rows}x{columns}, got {length}.", nameof(length));
        }
    }
}
