using System.Numerics;

namespace Reciproca.Matching.Assignment;

/// <summary>The solver's view of a dense matrix, whatever its element type.</summary>
internal interface IDenseView
{
    int Rows { get; }

    int Columns { get; }

    long Get(int row, int column);

    bool IsAllowed(int row, int column);

    void SelectCheapest(int k, List<int>[] candidates, bool[] activeRows);

    long PriceOut(long[] rowDual, long[] columnDual, List<int>[] candidates, bool[] activeRows);
}

/// <summary>
/// A dense matrix in the solver's orientation (rows are the side matched completely) and in minimisation
/// form. <c>T.MinValue</c> marks a forbidden cell (negation keeps it, so maximisation needs no remapping).
/// </summary>
internal sealed class DenseView<T>(T[] values, int rows, int columns) : IDenseView
    where T : unmanaged, IBinaryInteger<T>, IMinMaxValue<T>
{
    public int Rows => rows;

    public int Columns => columns;

    public static DenseView<T> Create(T[] source, int rows, int columns, bool transpose, bool negate)
    {
        if (!transpose && !negate)
        {
            return new DenseView<T>(source, rows, columns);
        }

        var copy = new T[source.Length];
        if (!transpose)
        {
            for (var a = 0; a < source.Length; a++)
            {
                copy[a] = -source[a];
            }

            return new DenseView<T>(copy, rows, columns);
        }

        // Blocked transpose keeps both sides cache-friendly.
        const int Block = 64;
        for (var r0 = 0; r0 < rows; r0 += Block)
        {
            for (var c0 = 0; c0 < columns; c0 += Block)
            {
                var rEnd = Math.Min(rows, r0 + Block);
                var cEnd = Math.Min(columns, c0 + Block);
                for (var r = r0; r < rEnd; r++)
                {
                    for (var c = c0; c < cEnd; c++)
                    {
                        var value = source[((long)r * columns) + c];
                        copy[((long)c * rows) + r] = negate ? -value : value;
                    }
                }
            }
        }

        return new DenseView<T>(copy, columns, rows);
    }

    /// <summary>The min-form cost, or <see cref="long.MaxValue"/> when forbidden.</summary>
    public long Get(int row, int column)
    {
        var value = values[((long)row * columns) + column];
        return value == T.MinValue ? long.MaxValue : long.CreateTruncating(value);
    }

    public bool IsAllowed(int row, int column) => values[((long)row * columns) + column] != T.MinValue;

    /// <summary>Appends to each row's list its <paramref name="k"/> cheapest allowed columns, cheapest first.</summary>
    public void SelectCheapest(int k, List<int>[] candidates, bool[] activeRows)
    {
        var bufferValues = new T[k];
        var bufferColumns = new int[k];
        for (var r = 0; r < rows; r++)
        {
            if (!activeRows[r])
            {
                continue;
            }

            var row = values.AsSpan((int)((long)r * columns), columns);
            var count = 0;
            var threshold = T.MaxValue;
            for (var c = 0; c < row.Length; c++)
            {
                var value = row[c];
                if (value >= threshold || (value == T.MinValue))
                {
                    continue;
                }

                // Insertion into a small sorted buffer; after the first few columns this is rare.
                var at = count < k ? count++ : k - 1;
                while (at > 0 && bufferValues[at - 1] > value)
                {
                    bufferValues[at] = bufferValues[at - 1];
                    bufferColumns[at] = bufferColumns[at - 1];
                    at--;
                }

                bufferValues[at] = value;
                bufferColumns[at] = c;
                if (count == k)
                {
                    threshold = bufferValues[k - 1];
                }
            }

            var list = candidates[r];
            for (var a = 0; a < count; a++)
            {
                list.Add(bufferColumns[a]);
            }
        }
    }

    /// <summary>
    /// Adds every allowed cell whose reduced cost against the duals is negative; returns how many.
    /// </summary>
    public long PriceOut(long[] rowDual, long[] columnDual, List<int>[] candidates, bool[] activeRows)
    {
        long added = 0;
        for (var r = 0; r < rows; r++)
        {
            if (!activeRows[r])
            {
                continue;
            }

            var u = rowDual[r];
            var row = values.AsSpan((int)((long)r * columns), columns);
            for (var c = 0; c < row.Length; c++)
            {
                var value = long.CreateTruncating(row[c]);
                if (value - columnDual[c] < u && row[c] != T.MinValue)
                {
                    candidates[r].Add(c);
                    added++;
                }
            }
        }

        return added;
    }
}
