namespace Reciproca.Matching.Assignment;

/// <summary>
/// Exact assignment solver: dense or sparse, rectangular, with forbidden pairs, capacities and a partial mode,
/// returning the optimal assignment with its dual certificate. Capacities above one on both sides are solved
/// as a min-cost flow in which every pair carries at most one unit.
/// </summary>
/// <remarks>
/// Dense problems are solved on a sparse candidate graph (each row's cheapest columns), priced out against the
/// full matrix with the duals, grown with every violating cell and re-solved warm until no reduced cost is
/// negative; the result is then optimal for the full matrix. See <c>readme.md</c> and ADR 0005.
/// </remarks>
public static class AssignmentSolver
{
    /// <summary>Solves the problem exactly.</summary>
    /// <param name="problem">The problem.</param>
    /// <param name="options">Tuning; <see cref="SolverOptions.Default"/> when omitted.</param>
    /// <returns>The optimal assignment and its certificate, or an infeasible status.</returns>
    public static AssignmentResult Solve(AssignmentProblem problem, SolverOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(problem);
        problem.Validate();
        options ??= SolverOptions.Default;

        // Slots would let the same pair be chosen twice once both sides take several partners: the flow
        // formulation bounds every pair by one instead (ADR 0017).
        return options.UseMinCostFlow || problem.IsManyToMany
            ? new FlowRun(problem).Run()
            : new SolveRun(problem, options).Run();
    }

    /// <summary>
    /// Checks a result against the problem without trusting the solver: feasibility, the objective, and the
    /// dual certificate (reduced costs non-negative on every allowed cell, zero on assigned cells, sign and
    /// slackness on a side left under capacity, and equal primal and dual objectives).
    /// </summary>
    /// <param name="problem">The problem.</param>
    /// <param name="result">The result to check.</param>
    /// <returns>Whether the certificate proves the result optimal, and why not when it does not.</returns>
    public static CertificateCheck Verify(AssignmentProblem problem, AssignmentResult result) =>
        CertificateVerifier.Verify(problem, result);
}
