namespace Reciproca.Matching.Assignment;

/// <summary>
/// The candidate graph in compressed sparse rows with room after each row: row slot s holds cells
/// <c>Start[s] .. End[s]</c> and may grow up to <c>Start[s + 1]</c>, so a pricing round that adds a few cells
/// per row does not rebuild the graph.
/// </summary>
internal sealed class CandidateGraph(int rows, long cells)
{
    public const int Slack = 8;

    public int[] Start { get; } = new int[rows + 1];

    public int[] End { get; } = new int[rows];

    public int[] Column { get; } = new int[cells];

    public long[] Cost { get; } = new long[cells];

    public long Cells
    {
        get
        {
            long total = 0;
            for (var s = 0; s < End.Length; s++)
            {
                total += End[s] - Start[s];
            }

            return total;
        }
    }
}
