namespace Reciproca.Matching.Assignment;

/// <summary>Outcome of a solve.</summary>
public enum AssignmentStatus
{
    /// <summary>An optimal assignment was found; the duals prove it.</summary>
    Optimal,

    /// <summary>No assignment satisfies the rules (for example a row whose every pair is forbidden).</summary>
    Infeasible,
}

/// <summary>One assigned pair.</summary>
/// <param name="Row">Row index.</param>
/// <param name="Column">Column index.</param>
/// <param name="Cost">The pair's cost (or weight).</param>
public readonly record struct AssignedPair(int Row, int Column, long Cost);

/// <summary>
/// The assignment, its objective and the dual certificate that proves it optimal.
/// </summary>
/// <remarks>
/// The certificate is the dual of the transportation linear programme. For minimisation:
/// <c>cost(i,j) - RowDuals[i] - ColumnDuals[j] &gt;= 0</c> on every allowed cell and <c>= 0</c> on every assigned
/// cell; on a side that may be under-filled, duals are <c>&lt;= 0</c> and exactly <c>0</c> where capacity is left.
/// With capacities above one on both sides each pair has its own bound of one and its dual <c>w &gt;= 0</c>
/// (<see cref="PairDuals"/>): an assigned cell then satisfies <c>cost - u - v + w = 0</c> instead, and the dual
/// objective subtracts the sum of <c>w</c>.
/// For maximisation every inequality is reversed (and <c>w</c> enters with the opposite sign). <see cref="AssignmentSolver.Verify"/> checks all of it.
/// </remarks>
public sealed record AssignmentResult
{
    /// <summary>Whether a solution exists.</summary>
    public required AssignmentStatus Status { get; init; }

    /// <summary>The assigned pairs, by row then column.</summary>
    public required IReadOnlyList<AssignedPair> Pairs { get; init; }

    /// <summary>Sum of the costs (or weights) of the assigned pairs.</summary>
    public required long Objective { get; init; }

    /// <summary>Dual value of every row (the certificate).</summary>
    public required IReadOnlyList<long> RowDuals { get; init; }

    /// <summary>Dual value of every column (the certificate).</summary>
    public required IReadOnlyList<long> ColumnDuals { get; init; }

    /// <summary>
    /// The extra dual of each assigned pair, in the order of <see cref="Pairs"/>: the dual of the pair's upper
    /// bound of one in a many-to-many solve (capacities above one on both sides), at least zero. Empty means zero
    /// for every pair, which is always the case for one-sided capacities.
    /// </summary>
    public IReadOnlyList<long> PairDuals { get; init; } = [];

    /// <summary>How many times the candidate graph was solved (dense problems); 1 when solved directly.</summary>
    public int Rounds { get; init; }

    /// <summary>How many cells the final candidate graph held.</summary>
    public long CandidateCells { get; init; }

    /// <summary>An infeasible result.</summary>
    internal static AssignmentResult Infeasible(int rounds) => new()
    {
        Status = AssignmentStatus.Infeasible,
        Pairs = [],
        Objective = 0,
        RowDuals = [],
        ColumnDuals = [],
        Rounds = rounds,
    };
}
