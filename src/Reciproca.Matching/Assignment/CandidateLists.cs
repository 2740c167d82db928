namespace Reciproca.Matching.Assignment;

/// <summary>Filling the rows' candidate lists: the same steps for the dense and the sparse view.</summary>
internal static class CandidateLists
{
    /// <summary>
    /// Adds each column to the lists of its cheapest rows, once: column <c>c</c> kept <c>columnCount[c]</c> rows,
    /// stored from <c>columnRows[c * k]</c>.
    /// </summary>
    public static void AddColumnNeighbours(List<int>[] candidates, int k, int[] columnRows, int[] columnCount)
    {
        for (var c = 0; c < columnCount.Length; c++)
        {
            for (var a = 0; a < columnCount[c]; a++)
            {
                var list = candidates[columnRows[(c * k) + a]];
                if (!list.Contains(c))
                {
                    list.Add(c);
                }
            }
        }
    }

    /// <summary>
    /// Keeps the <paramref name="perRow"/> most negative of <paramref name="found"/> and adds their columns to
    /// <paramref name="list"/>; returns how many were added.
    /// </summary>
    public static int AddMostNegative(List<(long Reduced, int Column)> found, int perRow, List<int> list)
    {
        if (found.Count > perRow)
        {
            found.Sort();
            found.RemoveRange(perRow, found.Count - perRow);
        }

        foreach (var (_, c) in found)
        {
            list.Add(c);
        }

        return found.Count;
    }
}
