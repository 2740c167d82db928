using Reciproca.Matching.Assignment;
using Reciproca.Matching.Tests.Support;

namespace Reciproca.Matching.Tests.Assignment;

public sealed class SolverTests
{
    [Fact]
    public void Rectangular_wide_matches_every_row()
    {
        var problem = new AssignmentProblem(CostMatrix.FromInt32(2, 4, [9, 2, 7, 8, 6, 4, 3, 7]));

        var result = AssignmentSolver.Solve(problem);

        Assert.Equal(5, result.Objective);
        Assert.Equal([new(0, 1, 2), new(1, 2, 3)], result.Pairs);
        Assert.True(AssignmentSolver.Verify(problem, result).IsOptimal);
    }

    [Fact]
    public void Rectangular_tall_matches_every_column()
    {
        var problem = new AssignmentProblem(CostMatrix.FromInt32(3, 2, [9, 6, 2, 4, 7, 3]));

        var result = AssignmentSolver.Solve(problem);

        Assert.Equal(5, result.Objective);
        Assert.True(AssignmentSolver.Verify(problem, result).IsOptimal);
    }

    [Fact]
    public void Partial_mode_leaves_people_unmatched_when_no_pair_pays()
    {
        var problem = new AssignmentProblem(CostMatrix.FromInt64(2, 2, [5, -1, 3, -2])) { Sense = ObjectiveSense.Maximize, Partial = true };

        var result = AssignmentSolver.Solve(problem);

        Assert.Equal(5, result.Objective);
        Assert.Equal([new(0, 0, 5)], result.Pairs);
        Assert.True(AssignmentSolver.Verify(problem, result).IsOptimal);
    }

    [Fact]
    public void Column_capacity_lets_a_senior_take_two_juniors()
    {
        var problem = new AssignmentProblem(CostMatrix.FromInt32(3, 2, [10, 1, 9, 1, 8, 7])) { Sense = ObjectiveSense.Maximize, ColumnCapacities = [2, 1] };

        var result = AssignmentSolver.Solve(problem);

        Assert.Equal(26, result.Objective);
        Assert.True(AssignmentSolver.Verify(problem, result).IsOptimal);
    }

    [Fact]
    public void Reports_infeasible_when_a_row_has_no_allowed_column()
    {
        var problem = new AssignmentProblem(SparseCostMatrix.Create(2, 2, [new(0, 0, 1), new(1, 0, 1)]));

        Assert.Equal(AssignmentStatus.Infeasible, AssignmentSolver.Solve(problem).Status);
    }

    [Fact]
    public void Maps_slots_to_columns_when_capacities_sum_to_the_number_of_columns()
    {
        // Five columns with capacities 2, 0, 2, 0, 1 also make five slots: the small dense path must still map
        // each slot to its own column (it once copied the rows unmapped and returned 4 with a failing certificate).
        var values = new long[] { 0, 3, 2, 1, 3, 0, 1, 1, 2, 2, 1, 1, 2, 2, 3, 0, 2, 2, 1, 2, 3, 2, 0, 3, 0 };
        var problem = new AssignmentProblem(CostMatrix.FromInt64(5, 5, values)) { ColumnCapacities = [2, 0, 2, 0, 1] };

        var result = AssignmentSolver.Solve(problem);

        Assert.Equal(3, result.Objective);
        Assert.Equal(BruteForce.Optimum(problem), result.Objective);
        Assert.True(AssignmentSolver.Verify(problem, result).IsOptimal);
    }

    [Fact]
    public void Solves_capacities_above_one_on_both_sides_without_repeating_a_pair()
    {
        var problem = new AssignmentProblem(CostMatrix.FromInt32(2, 2, [1, 2, 3, 4])) { RowCapacities = [2, 1], ColumnCapacities = [2, 1] };

        var result = AssignmentSolver.Solve(problem);

        // Row 0 takes both columns once each; row 1 fills column 0's second place: 1 + 2 + 3.
        Assert.Equal([new AssignedPair(0, 0, 1), new AssignedPair(0, 1, 2), new AssignedPair(1, 0, 3)], result.Pairs);
        Assert.Equal(6, result.Objective);
        Assert.True(AssignmentSolver.Verify(problem, result).IsOptimal);
    }

    [Fact]
    public void Rejects_costs_that_could_overflow()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => CostMatrix.FromInt64(1, 1, [long.MaxValue]));
    }

    [Fact]
    public void Handles_the_largest_allowed_costs_without_overflow()
    {
        const long Big = CostMatrix.MaxAbsCost;
        var problem = new AssignmentProblem(CostMatrix.FromInt64(3, 3, [Big, -Big, Big, -Big, Big, -Big, Big, Big, -Big]));

        var result = AssignmentSolver.Solve(problem);

        Assert.Equal(-3 * Big, result.Objective);
        Assert.True(AssignmentSolver.Verify(problem, result).IsOptimal);
    }

    [Theory]
    [InlineData(60, 1)]
    [InlineData(200, 3)]
    [InlineData(300, 10)]
    public void Candidate_graph_with_dual_repair_equals_the_full_solve_on_structured_costs(int n, int candidatesPerRow)
    {
        // Distances between random profile vectors: many ties and rows that all prefer the same columns,
        // the case where the cheapest few per row are a poor guess and the repair must do the work.
        var random = new Random(n);
        var juniors = Enumerable.Range(0, n).Select(_ => Enumerable.Range(0, 4).Select(_ => random.Next(1, 9)).ToArray()).ToArray();
        var seniors = Enumerable.Range(0, n).Select(_ => Enumerable.Range(0, 4).Select(_ => random.Next(1, 9)).ToArray()).ToArray();
        var values = new int[n * n];
        for (var r = 0; r < n; r++)
        {
            for (var c = 0; c < n; c++)
            {
                values[(r * n) + c] = juniors[r].Zip(seniors[c], (a, b) => Math.Abs(a - b)).Sum();
            }
        }

        var problem = new AssignmentProblem(CostMatrix.FromInt32(n, n, values));

        var repaired = AssignmentSolver.Solve(problem, new SolverOptions { CandidatesPerRow = candidatesPerRow, WholeBelowCells = 0 });
        var full = AssignmentSolver.Solve(problem, new SolverOptions { CandidatesPerRow = 0 });

        Assert.Equal(full.Objective, repaired.Objective);
        Assert.True(AssignmentSolver.Verify(problem, repaired).IsOptimal);
        Assert.True(AssignmentSolver.Verify(problem, full).IsOptimal);
    }

    [Fact]
    public void Uniform_random_dense_solves_optimally_with_repair_rounds()
    {
        var random = new Random(5);
        const int N = 500;
        var values = Enumerable.Range(0, N * N).Select(_ => random.Next(0, 100_001)).ToArray();
        var problem = new AssignmentProblem(CostMatrix.FromInt32(N, N, values));

        var result = AssignmentSolver.Solve(problem, new SolverOptions { CandidatesPerRow = 3, WholeBelowCells = 0 });

        Assert.True(result.Rounds > 1);
        Assert.True(AssignmentSolver.Verify(problem, result).IsOptimal);
        Assert.Equal(AssignmentSolver.Solve(problem, new SolverOptions { CandidatesPerRow = 0 }).Objective, result.Objective);
    }

    [Theory]
    [InlineData(300, 450, false, false)]
    [InlineData(450, 300, true, false)]
    [InlineData(350, 350, true, true)]
    [InlineData(300, 400, false, true)]
    public void Candidate_graph_equals_the_whole_solve_on_larger_rectangular_partial_and_capacitated_problems(int rows, int columns, bool maximize, bool partial)
    {
        var random = new Random((rows * 7) + columns);
        var values = new long[rows * columns];
        for (var a = 0; a < values.Length; a++)
        {
            values[a] = random.Next(10) == 0 ? CostMatrix.Forbidden : random.Next(-50, 1000);
        }

        var problem = new AssignmentProblem(CostMatrix.FromInt64(rows, columns, values))
        {
            Sense = maximize ? ObjectiveSense.Maximize : ObjectiveSense.Minimize,
            Partial = partial,
            ColumnCapacities = Enumerable.Range(0, columns).Select(_ => random.Next(4) == 0 ? 2 : 1).ToArray(),
        };

        var candidates = AssignmentSolver.Solve(problem, new SolverOptions { CandidatesPerRow = 2, WholeBelowCells = 0 });
        var whole = AssignmentSolver.Solve(problem, new SolverOptions { CandidatesPerRow = 0 });

        Assert.Equal(AssignmentStatus.Optimal, whole.Status);
        Assert.Equal(whole.Objective, candidates.Objective);
        Assert.True(AssignmentSolver.Verify(problem, candidates).IsOptimal, AssignmentSolver.Verify(problem, candidates).Failure);
        Assert.True(AssignmentSolver.Verify(problem, whole).IsOptimal);
    }
}
