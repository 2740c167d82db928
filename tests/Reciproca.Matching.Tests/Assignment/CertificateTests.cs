using Reciproca.Matching.Assignment;

namespace Reciproca.Matching.Tests.Assignment;

public sealed class CertificateTests
{
    private static readonly AssignmentProblem _problem = new(CostMatrix.FromInt64(3, 3, [4, 1, 3, 2, 0, 5, 3, 2, 2]));

    [Fact]
    public void Accepts_the_solvers_certificate()
    {
        var result = AssignmentSolver.Solve(_problem);

        Assert.Equal(5, result.Objective);
        Assert.True(AssignmentSolver.Verify(_problem, result).IsOptimal);
    }

    [Fact]
    public void Rejects_a_tampered_row_dual()
    {
        var result = AssignmentSolver.Solve(_problem);
        var duals = result.RowDuals.ToArray();
        duals[0] += 1;

        var check = AssignmentSolver.Verify(_problem, result with { RowDuals = duals });

        Assert.False(check.IsOptimal);
        Assert.NotNull(check.Failure);
    }

    [Fact]
    public void Rejects_a_tampered_column_dual()
    {
        var result = AssignmentSolver.Solve(_problem);
        var duals = result.ColumnDuals.ToArray();
        duals[2] -= 1;

        Assert.False(AssignmentSolver.Verify(_problem, result with { ColumnDuals = duals }).IsOptimal);
    }

    [Fact]
    public void Rejects_a_suboptimal_assignment_with_the_optimal_duals()
    {
        var result = AssignmentSolver.Solve(_problem);
        var pairs = new List<AssignedPair> { new(0, 0, 4), new(1, 1, 0), new(2, 2, 2) };

        var check = AssignmentSolver.Verify(_problem, result with { Pairs = pairs, Objective = 6 });

        Assert.False(check.IsOptimal);
    }

    [Fact]
    public void Rejects_a_wrong_objective()
    {
        var result = AssignmentSolver.Solve(_problem);

        Assert.False(AssignmentSolver.Verify(_problem, result with { Objective = result.Objective - 1 }).IsOptimal);
    }

    [Fact]
    public void Rejects_an_incomplete_assignment_when_the_smaller_side_must_be_filled()
    {
        var result = AssignmentSolver.Solve(_problem);

        var check = AssignmentSolver.Verify(_problem, result with { Pairs = [], Objective = 0 });

        Assert.False(check.IsOptimal);
    }

    [Fact]
    public void Rejects_a_forbidden_pair()
    {
        var problem = new AssignmentProblem(CostMatrix.FromInt64(2, 2, [1, CostMatrix.Forbidden, 1, 1]));
        var result = AssignmentSolver.Solve(problem);

        var check = AssignmentSolver.Verify(problem, result with { Pairs = [new(0, 1, 0), new(1, 0, 1)], Objective = 1 });

        Assert.False(check.IsOptimal);
    }

    [Fact]
    public void Rejects_a_nonzero_dual_on_a_column_left_free_in_a_rectangular_problem()
    {
        var problem = new AssignmentProblem(CostMatrix.FromInt64(1, 3, [5, 1, 7]));
        var result = AssignmentSolver.Solve(problem);
        Assert.True(AssignmentSolver.Verify(problem, result).IsOptimal);
        var rowDuals = result.RowDuals.Select(u => u + 1).ToArray();
        var columnDuals = result.ColumnDuals.Select((v, c) => c == 1 ? v - 1 : v - 1).ToArray();

        Assert.False(AssignmentSolver.Verify(problem, result with { RowDuals = rowDuals, ColumnDuals = columnDuals }).IsOptimal);
    }
}
