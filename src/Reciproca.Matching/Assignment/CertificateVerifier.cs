using System.Runtime.CompilerServices;

namespace Reciproca.Matching.Assignment;

/// <summary>The verdict of <see cref="AssignmentSolver.Verify"/>.</summary>
/// <param name="IsOptimal">Whether the certificate proves the result optimal.</param>
/// <param name="Failure">What failed, when it does not (for logs and test messages, not for users).</param>
public sealed record CertificateCheck(bool IsOptimal, string? Failure)
{
    /// <summary>A passing check.</summary>
    public static CertificateCheck Passed { get; } = new(true, null);

    internal static CertificateCheck Fail(string failure) => new(false, failure);
}

/// <summary>
/// Checks a result from first principles, sharing no code with the solver: primal feasibility, the objective,
/// dual feasibility, complementary slackness and strong duality of the transportation programme, with a dual
/// per pair bound when the result carries them.
/// </summary>
internal static class CertificateVerifier
{
    public static CertificateCheck Verify(AssignmentProblem problem, AssignmentResult result)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(result);
        if (result.Status != AssignmentStatus.Optimal)
        {
            return CertificateCheck.Fail("The result is not optimal: there is nothing to verify.");
        }

        var rows = problem.Rows;
        var columns = problem.Columns;
        if (result.RowDuals.Count != rows || result.ColumnDuals.Count != columns)
        {
            return CertificateCheck.Fail("The certificate has the wrong number of duals.");
        }

        var pairDuals = result.PairDuals;
        if (pairDuals.Count != 0 && pairDuals.Count != result.Pairs.Count)
        {
            return CertificateCheck.Fail("The certificate has the wrong number of pair duals.");
        }

        if (pairDuals.Any(w => w < 0))
        {
            return CertificateCheck.Fail("A pair dual is negative.");
        }

        var rowUsed = new int[rows];
        var columnUsed = new int[columns];
        var seen = new HashSet<(int, int)>();
        Int128 objective = 0;
        foreach (var pair in result.Pairs)
        {
            if ((uint)pair.Row >= (uint)rows || (uint)pair.Column >= (uint)columns)
            {
                return CertificateCheck.Fail($"Pair ({pair.Row}, {pair.Column}) lies outside the matrix.");
            }

            if (!problem.TryGetCost(pair.Row, pair.Column, out var cost))
            {
                return CertificateCheck.Fail($"Pair ({pair.Row}, {pair.Column}) is forbidden.");
            }

            if (cost != pair.Cost)
            {
                return CertificateCheck.Fail($"Pair ({pair.Row}, {pair.Column}) reports cost {pair.Cost}, the matrix says {cost}.");
            }

            if (!seen.Add((pair.Row, pair.Column)))
            {
                return CertificateCheck.Fail($"Pair ({pair.Row}, {pair.Column}) is assigned twice.");
            }

            rowUsed[pair.Row]++;
            columnUsed[pair.Column]++;
            objective += cost;
        }

        if (objective != result.Objective)
        {
            return CertificateCheck.Fail($"The objective is {result.Objective} but the pairs sum to {objective}.");
        }

        long totalRows = 0;
        long totalColumns = 0;
        for (var r = 0; r < rows; r++)
        {
            totalRows += problem.RowCapacity(r);
        }

        for (var c = 0; c < columns; c++)
        {
            totalColumns += problem.ColumnCapacity(c);
        }

        // A side that must be filled has free duals; a side that may keep capacity has duals of one sign,
        // zero wherever capacity is left (complementary slackness).
        var rowsFilled = !problem.Partial && totalRows <= totalColumns;
        var columnsFilled = !problem.Partial && totalColumns <= totalRows;
        var sign = problem.Sense == ObjectiveSense.Minimize ? 1 : -1;
        Int128 dualObjective = 0;
        for (var r = 0; r < rows; r++)
        {
            var capacity = problem.RowCapacity(r);
            var dual = result.RowDuals[r];
            if (rowUsed[r] > capacity)
            {
                return CertificateCheck.Fail($"Row {r} is used {rowUsed[r]} times, capacity {capacity}.");
            }

            if (rowsFilled && rowUsed[r] != capacity)
            {
                return CertificateCheck.Fail($"Row {r} must be filled ({capacity}) but is used {rowUsed[r]} times.");
            }

            if (!rowsFilled && (sign * dual > 0 || (rowUsed[r] < capacity && dual != 0)))
            {
                return CertificateCheck.Fail($"Row {r} has dual {dual}, which breaks sign or slackness.");
            }

            dualObjective += (Int128)capacity * dual;
        }

        for (var c = 0; c < columns; c++)
        {
            var capacity = problem.ColumnCapacity(c);
            var dual = result.ColumnDuals[c];
            if (columnUsed[c] > capacity)
            {
                return CertificateCheck.Fail($"Column {c} is used {columnUsed[c]} times, capacity {capacity}.");
            }

            if (columnsFilled && columnUsed[c] != capacity)
            {
                return CertificateCheck.Fail($"Column {c} must be filled ({capacity}) but is used {columnUsed[c]} times.");
            }

            if (!columnsFilled && (sign * dual > 0 || (columnUsed[c] < capacity && dual != 0)))
            {
                return CertificateCheck.Fail($"Column {c} has dual {dual}, which breaks sign or slackness.");
            }

            dualObjective += (Int128)capacity * dual;
        }

        // A pair's bound of one has its own dual w >= 0 (zero when no pair is bounded): an assigned cell must
        // satisfy cost - u - v + w = 0 (minimising), and the bounds enter the dual objective as -w each.
        for (var p = 0; p < result.Pairs.Count; p++)
        {
            var pair = result.Pairs[p];
            Int128 w = pairDuals.Count == 0 ? 0 : pairDuals[p];
            if ((Int128)pair.Cost - result.RowDuals[pair.Row] - result.ColumnDuals[pair.Column] + (sign * w) != 0)
            {
                return CertificateCheck.Fail($"Assigned pair ({pair.Row}, {pair.Column}) has a reduced cost its pair dual does not balance.");
            }

            dualObjective -= sign * w;
        }

        // An assigned cell's own constraint holds with equality above, so only the others are checked here.
        var failure = problem.Dense is { } dense
            ? CheckDense(dense, result, sign, seen)
            : CheckSparse(problem.Sparse!, result, sign, seen);
        if (failure is not null)
        {
            return CertificateCheck.Fail(failure);
        }

        return dualObjective == objective
            ? CertificateCheck.Passed
            : CertificateCheck.Fail($"The dual objective {dualObjective} differs from the primal {objective}.");
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static string? CheckDense(CostMatrix matrix, AssignmentResult result, int sign, HashSet<(int, int)> assigned)
    {
        for (var r = 0; r < matrix.Rows; r++)
        {
            var u = result.RowDuals[r];
            for (var c = 0; c < matrix.Columns; c++)
            {
                var cost = matrix[r, c];
                if (cost != CostMatrix.Forbidden && sign * ((Int128)cost - u - result.ColumnDuals[c]) < 0 && !assigned.Contains((r, c)))
                {
                    return $"Cell ({r}, {c}) has a reduced cost of the wrong sign.";
                }
            }
        }

        return null;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static string? CheckSparse(SparseCostMatrix matrix, AssignmentResult result, int sign, HashSet<(int, int)> assigned)
    {
        for (var r = 0; r < matrix.Rows; r++)
        {
            foreach (var cell in matrix.RowCells(r))
            {
                if (sign * ((Int128)cell.Cost - result.RowDuals[r] - result.ColumnDuals[cell.Column]) < 0 && !assigned.Contains((r, cell.Column)))
                {
                    return $"Cell ({r}, {cell.Column}) has a reduced cost of the wrong sign.";
                }
            }
        }

        return null;
    }
}
