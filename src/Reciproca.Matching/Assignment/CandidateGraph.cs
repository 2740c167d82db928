using System.Buffers;

namespace Reciproca.Matching.Assignment;

/// <summary>
/// The candidate graph in compressed sparse rows with room after each row: row slot s holds cells
/// <c>Start[s] .. End[s]</c> and may grow up to <c>Start[s + 1]</c>, so a pricing round that adds a few cells
/// per row does not rebuild the graph.
/// </summary>
/// <remarks>
/// The cell arrays are rented (they would land on the large object heap at every solve and trigger full
/// collections); call <see cref="Release"/> once the graph is no longer used. Only cells between
/// <c>Start</c> and <c>End</c> of a row are ever read, so the rented arrays need no clearing.
/// </remarks>
internal sealed class CandidateGraph(int rows, long cells)
{
    public const int Slack = 8;

    public int[] Start { get; } = new int[rows + 1];

    public int[] End { get; } = new int[rows];

    public int[] Column { get; private set; } = ArrayPool<int>.Shared.Rent((int)cells);

    public long[] Cost { get; private set; } = ArrayPool<long>.Shared.Rent((int)cells);

    /// <summary>Returns the cell arrays to the pool; the graph must not be used afterwards.</summary>
    public void Release()
    {
        ArrayPool<int>.Shared.Return(Column);
        ArrayPool<long>.Shared.Return(Cost);
        Column = [];
        Cost = [];
    }

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
