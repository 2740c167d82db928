namespace Reciproca.Matching.Assignment;

/// <summary>Tuning knobs of <see cref="AssignmentSolver"/>; the defaults suit every size.</summary>
public sealed record SolverOptions
{
    /// <summary>The default options.</summary>
    public static SolverOptions Default { get; } = new();

    /// <summary>
    /// How many of each row's cheapest columns seed the candidate graph of a dense problem. Zero or a value
    /// at least the number of columns solves the full matrix directly.
    /// </summary>
    public int CandidatesPerRow { get; init; } = 10;

    /// <summary>After this many pricing rounds the full matrix is solved (a safety net; never reached in practice).</summary>
    public int MaxRounds { get; init; } = 30;
}
