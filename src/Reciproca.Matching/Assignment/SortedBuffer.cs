using System.Numerics;

namespace Reciproca.Matching.Assignment;

/// <summary>The k cheapest cells of a row or column, kept sorted in a small buffer (dense and sparse views share it).</summary>
internal static class SortedBuffer
{
    /// <summary>
    /// Inserts <paramref name="value"/> into the sorted buffer of capacity <c>values.Length</c> holding
    /// <paramref name="count"/> items, dropping the largest when full; returns the new count. After the first few cells
    /// of a row or column an insertion is rare, so a plain insertion sort is the cheapest structure.
    /// </summary>
    public static int Insert<T>(Span<T> values, Span<int> indices, int count, T value, int index)
        where T : IComparisonOperators<T, T, bool>
    {
        var at = count < values.Length ? count++ : values.Length - 1;
        while (at > 0 && values[at - 1] > value)
        {
            values[at] = values[at - 1];
            indices[at] = indices[at - 1];
            at--;
        }

        values[at] = value;
        indices[at] = index;
        return count;
    }
}
