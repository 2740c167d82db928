using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Reciproca.Matching.Assignment;

/// <summary>Maps a stored value to minimisation form; a struct so that the JIT specialises every loop.</summary>
internal interface ISense<T>
    where T : IBinaryInteger<T>
{
    static abstract T ToMin(T value);

    static abstract Vector256<T> ToMin(Vector256<T> value);
}

/// <summary>Minimisation: values as stored.</summary>
internal readonly struct AsStored<T> : ISense<T>
    where T : IBinaryInteger<T>
{
    public static T ToMin(T value) => value;

    public static Vector256<T> ToMin(Vector256<T> value) => value;
}

/// <summary>Maximisation: weights negated. Negating <c>MinValue</c> (forbidden) yields <c>MinValue</c> again.</summary>
internal readonly struct Negated<T> : ISense<T>
    where T : IBinaryInteger<T>
{
    public static T ToMin(T value) => -value;

    public static Vector256<T> ToMin(Vector256<T> value) => -value;
}

/// <summary>Creates dense views without copying unless a transpose is needed.</summary>
internal static class DenseView
{
    public static ICostSource Create<T>(T[] source, int rows, int columns, bool transpose, bool negate)
        where T : unmanaged, IBinaryInteger<T>, IMinMaxValue<T>
    {
        if (!transpose)
        {
            return negate
                ? new DenseView<T, Negated<T>>(source, rows, columns)
                : new DenseView<T, AsStored<T>>(source, rows, columns);
        }

        return new DenseView<T, AsStored<T>>(Transpose(source, rows, columns, negate), columns, rows);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static T[] Transpose<T>(T[] source, int rows, int columns, bool negate)
        where T : unmanaged, IBinaryInteger<T>
    {
        // Blocked transpose keeps both sides cache-friendly.
        const int Block = 64;
        var copy = GC.AllocateUninitializedArray<T>(source.Length);
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

        return copy;
    }
}

/// <summary>
/// A dense matrix in the solver's orientation (rows are the side matched completely), read in minimisation
/// form through <typeparamref name="TSense"/>. <c>T.MinValue</c> marks a forbidden cell.
/// </summary>
internal sealed class DenseView<T, TSense>(T[] values, int rows, int columns) : ICostSource
    where T : unmanaged, IBinaryInteger<T>, IMinMaxValue<T>
    where TSense : struct, ISense<T>
{
    public int Rows => rows;

    public int Columns => columns;

    /// <summary>The min-form cost, or <see cref="long.MaxValue"/> when forbidden.</summary>
    public long Get(int row, int column)
    {
        var value = values[((long)row * columns) + column];
        return value == T.MinValue ? long.MaxValue : long.CreateTruncating(TSense.ToMin(value));
    }

    public double AverageDegree => columns;

    public void GetCosts(int row, List<int> cells, Span<long> target)
    {
        var span = values.AsSpan((int)((long)row * columns), columns);
        for (var a = 0; a < cells.Count; a++)
        {
            target[a] = long.CreateTruncating(TSense.ToMin(span[cells[a]]));
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool TryCopyRow(int row, Span<long> target)
    {
        var span = values.AsSpan((int)((long)row * columns), columns);
        for (var c = 0; c < span.Length; c++)
        {
            if (span[c] == T.MinValue)
            {
                return false;
            }

            target[c] = long.CreateTruncating(TSense.ToMin(span[c]));
        }

        return true;
    }

    public void AddAllowed(int row, List<int> list)
    {
        var span = values.AsSpan((int)((long)row * columns), columns);
        for (var c = 0; c < span.Length; c++)
        {
            if (span[c] != T.MinValue)
            {
                list.Add(c);
            }
        }
    }

    public IEnumerable<int> AllowedColumns(int row, int hint)
    {
        for (var a = 0; a < columns; a++)
        {
            var c = (hint + a) % columns;
            if (values[((long)row * columns) + c] != T.MinValue)
            {
                yield return c;
            }
        }
    }

    /// <summary>
    /// Appends to each row's list its <paramref name="k"/> cheapest allowed columns, and to the lists of each
    /// column's <paramref name="k"/> cheapest rows that column: both sides' nearest neighbours, in one pass.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void SelectCheapest(int k, List<int>[] candidates, bool[] activeRows)
    {
        var bufferValues = new T[k];
        var bufferColumns = new int[k];
        // Rented: at this size they would land on the large object heap at every solve. Only the first
        // columnCount[c] entries of a column are read, so they need no clearing.
        var columnValues = System.Buffers.ArrayPool<T>.Shared.Rent(columns * k);
        var columnRows = System.Buffers.ArrayPool<int>.Shared.Rent(columns * k);
        var columnCount = new int[columns];
        var columnThreshold = new T[columns];
        Array.Fill(columnThreshold, T.MaxValue);
        for (var r = 0; r < rows; r++)
        {
            if (!activeRows[r])
            {
                continue;
            }

            var row = values.AsSpan((int)((long)r * columns), columns);
            var count = 0;
            var threshold = T.MaxValue;
            var width = Vector256.IsHardwareAccelerated ? Vector256<T>.Count : row.Length + 1;
            var c0 = 0;
            for (; c0 + width <= row.Length; c0 += width)
            {
                // Eight (or four) cells at once: most chunks hold nothing below either threshold.
                var chunk = TSense.ToMin(Vector256.Create<T>(row.Slice(c0, width)));
                var below = Vector256.LessThan(chunk, Vector256.Create(threshold))
                    | Vector256.LessThan(chunk, Vector256.Create<T>(columnThreshold.AsSpan(c0, width)));
                var bits = below.ExtractMostSignificantBits();
                while (bits != 0)
                {
                    var c = c0 + BitOperations.TrailingZeroCount(bits);
                    bits &= bits - 1;
                    ScanCells(row, r, c, c + 1, k, ref count, ref threshold, bufferValues, bufferColumns, columnValues, columnRows, columnCount, columnThreshold);
                }
            }

            ScanCells(row, r, c0, row.Length, k, ref count, ref threshold, bufferValues, bufferColumns, columnValues, columnRows, columnCount, columnThreshold);

            var list = candidates[r];
            for (var a = 0; a < count; a++)
            {
                list.Add(bufferColumns[a]);
            }
        }

        CandidateLists.AddColumnNeighbours(candidates, k, columnRows, columnCount);

        System.Buffers.ArrayPool<T>.Shared.Return(columnValues);
        System.Buffers.ArrayPool<int>.Shared.Return(columnRows);
    }

    private static void ScanCells(ReadOnlySpan<T> row, int r, int from, int to, int k, ref int count, ref T threshold, T[] bufferValues, int[] bufferColumns, T[] columnValues, int[] columnRows, int[] columnCount, T[] columnThreshold)
    {
        for (var c = from; c < to; c++)
        {
            var stored = row[c];
            var value = TSense.ToMin(stored);

            // Non-short-circuit '&' and '|': one well-predicted branch per cell even with many forbidden cells.
            if (((value < threshold) | (value < columnThreshold[c])) & (stored != T.MinValue))
            {
                if (value < threshold)
                {
                    count = SortedBuffer.Insert<T>(bufferValues, bufferColumns, count, value, c);
                    if (count == k)
                    {
                        threshold = bufferValues[k - 1];
                    }
                }

                if (value < columnThreshold[c])
                {
                    var at = c * k;
                    columnCount[c] = SortedBuffer.Insert(columnValues.AsSpan(at, k), columnRows.AsSpan(at, k), columnCount[c], value, r);
                    if (columnCount[c] == k)
                    {
                        columnThreshold[c] = columnValues[at + k - 1];
                    }
                }
            }
        }
    }

    /// <summary>
    /// Adds, per row, the allowed cells whose reduced cost against the duals is negative, at most
    /// <paramref name="perRow"/> of them (the most negative), so that a poor first guess cannot flood the graph;
    /// returns how many cells were added.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public long PriceOut(long[] rowDual, long[] columnDual, List<int>[] candidates, bool[] activeRows, int perRow)
    {
        long added = 0;
        var v = columnDual.AsSpan(0, columns);
        var found = new List<(long Reduced, int Column)>();
        for (var r = 0; r < rows; r++)
        {
            if (!activeRows[r])
            {
                continue;
            }

            var u = rowDual[r];
            var row = values.AsSpan((int)((long)r * columns), columns);
            found.Clear();
            var c0 = 0;
            if (Vector256.IsHardwareAccelerated && typeof(T) == typeof(int))
            {
                // Widen eight 32-bit costs to two vectors of 64-bit values and test cost - v < u on all of them.
                var ints = MemoryMarshal.Cast<T, int>(row);
                var limit = Vector256.Create(u);
                for (; c0 + 8 <= ints.Length; c0 += 8)
                {
                    var chunk = TSense.ToMin(Vector256.Create<T>(row.Slice(c0, 8))).AsInt32();
                    var (low, high) = Vector256.Widen(chunk);
                    var negative = Vector256.LessThan(low - Vector256.Create<long>(v.Slice(c0, 4)), limit)
                        | Vector256.LessThan(high - Vector256.Create<long>(v.Slice(c0 + 4, 4)), limit);
                    if (negative != Vector256<long>.Zero)
                    {
                        CollectNegative(row, v, u, c0, c0 + 8, found);
                    }
                }
            }

            CollectNegative(row, v, u, c0, row.Length, found);

            added += CandidateLists.AddMostNegative(found, perRow, candidates[r]);
        }

        return added;
    }

    private static void CollectNegative(ReadOnlySpan<T> row, ReadOnlySpan<long> v, long u, int from, int to, List<(long Reduced, int Column)> found)
    {
        for (var c = from; c < to; c++)
        {
            var stored = row[c];
            var reduced = long.CreateTruncating(TSense.ToMin(stored)) - v[c] - u;
            if ((reduced < 0) & (stored != T.MinValue))
            {
                found.Add((reduced, c));
            }
        }
    }
}
