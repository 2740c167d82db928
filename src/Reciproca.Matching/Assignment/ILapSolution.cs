namespace Reciproca.Matching.Assignment;

/// <summary>What a core solver leaves behind: the matching and the duals (row duals implicit).</summary>
internal interface ILapSolution
{
    int[] RowToColumn { get; }

    long[] ColumnDuals { get; }

    long RowDual(int row);
}
