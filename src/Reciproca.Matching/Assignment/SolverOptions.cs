namespace Reciproca.Matching.Assignment;

/// <summary>Tuning knobs of <see cref="AssignmentSolver"/>; the defaults suit every size.</summary>
public sealed record SolverOptions
{
    /// <summary>The default options.</summary>
    public static SolverOptions Default { get; } = new();

    /// <summary>
    /// How many of each row's cheapest columns (and each column's cheapest rows) seed the candidate graph of a
    /// large dense problem; mid-sized ones use fewer (columns / 200, at least 4). Zero, or a value large enough
    /// that the graph would hold most of the matrix, solves the full matrix directly.
    /// </summary>
    public int CandidatesPerRow { get; init; } = 10;

    /// <summary>
    /// The same for sparse problems, used when rows hold on average at least 2.5 times as many cells.
    /// </summary>
    public int SparseCandidatesPerRow { get; init; } = 5;

    /// <summary>
    /// Problems with fewer cells (rows times columns) are solved whole: below about 256 x 256 the candidate
    /// machinery costs more than it saves.
    /// </summary>
    public long WholeBelowCells { get; init; } = 65_536;

    /// <summary>
    /// Solve as a min-cost flow with unit pair bounds even when only one side has capacities above one (the flow
    /// is always used when both sides do); mostly for tests that compare the two paths.
    /// </summary>
    public bool UseMinCostFlow { get; init; }

    /// <summary>After this many pricing rounds the full matrix is solved (a safety net; never reached in practice).</summary>
    public int MaxRounds { get; init; } = 30;
}
