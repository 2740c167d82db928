using Reciproca.Matching.Assignment;
using Reciproca.Matching.Tests.Support;

namespace Reciproca.Matching.Tests.Assignment;

/// <summary>Capacities above one on both sides: the min-cost flow path and its certificate with pair duals.</summary>
public sealed class ManyToManyTests
{
    // The random instances sometimes have capacities above one on one side only: force the flow path for them.
    private static readonly SolverOptions _flow = new() { UseMinCostFlow = true };

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Matches_exhaustive_search_on_small_instances(bool sparse)
    {
        var random = new Random(20261202 + (sparse ? 1 : 0));
        var optimal = 0;
        for (var n = 0; n < 1500; n++)
        {
            var problem = ManyToManyProblems.Create(random, sparse);
            var expected = BruteForce.Optimum(problem);
            var result = AssignmentSolver.Solve(problem, _flow);
            if (expected is null)
            {
                Assert.True(result.Status == AssignmentStatus.Infeasible, $"instance {n}: expected infeasible, got {result.Objective}");
                continue;
            }

            Assert.True(result.Status == AssignmentStatus.Optimal, $"instance {n}: expected optimum {expected}, got infeasible");
            Assert.Equal(expected.Value, result.Objective);
            Assert.Equal(result.Pairs.Count, result.Pairs.Select(p => (p.Row, p.Column)).Distinct().Count());
            var check = AssignmentSolver.Verify(problem, result);
            Assert.True(check.IsOptimal, $"instance {n}: {check.Failure}");
            optimal++;
        }

        // Most instances must be feasible, or the comparison proves little.
        Assert.True(optimal > 900, $"only {optimal} feasible instances");
    }

    [Fact]
    public void The_flow_path_also_solves_one_sided_capacities_exactly()
    {
        var random = new Random(7);
        for (var n = 0; n < 1000; n++)
        {
            var problem = RandomProblems.Create(random, sparse: n % 2 == 0);
            var expected = BruteForce.Optimum(problem);
            var result = AssignmentSolver.Solve(problem, _flow);

            Assert.Equal(expected is null, result.Status == AssignmentStatus.Infeasible);
            if (expected is { } optimum)
            {
                Assert.Equal(optimum, result.Objective);
                var check = AssignmentSolver.Verify(problem, result);
                Assert.True(check.IsOptimal, $"instance {n}: {check.Failure}");
            }
        }
    }

    [Fact]
    public void Needs_pair_duals_when_a_pair_would_be_worth_taking_twice()
    {
        // Maximising, the 100 pair would be taken twice by slots; its bound of one has a positive dual.
        var problem = new AssignmentProblem(CostMatrix.FromInt32(2, 2, [100, 1, 1, 1]))
        {
            Sense = ObjectiveSense.Maximize,
            Partial = true,
            RowCapacities = [2, 2],
            ColumnCapacities = [2, 2],
        };

        var result = AssignmentSolver.Solve(problem);

        Assert.Equal(103, result.Objective);
        Assert.Equal(4, result.Pairs.Count);
        Assert.Contains(result.PairDuals, w => w > 0);
        Assert.True(AssignmentSolver.Verify(problem, result).IsOptimal);
        Assert.False(AssignmentSolver.Verify(problem, result with { PairDuals = [] }).IsOptimal);
    }

    [Fact]
    public void Verify_rejects_tampered_certificates()
    {
        var random = new Random(99);
        var tested = 0;
        for (var n = 0; n < 400 && tested < 100; n++)
        {
            var problem = ManyToManyProblems.Create(random, sparse: false, maxSide: 5);
            var result = AssignmentSolver.Solve(problem, _flow);
            if (result.Status != AssignmentStatus.Optimal || result.Pairs.Count < 2)
            {
                continue;
            }

            tested++;
            Assert.True(AssignmentSolver.Verify(problem, result).IsOptimal);

            var rowDuals = result.RowDuals.ToArray();
            rowDuals[result.Pairs[0].Row] += 1;
            Assert.False(AssignmentSolver.Verify(problem, result with { RowDuals = rowDuals }).IsOptimal);

            var pairDuals = result.PairDuals.ToArray();
            pairDuals[0] += 1;
            Assert.False(AssignmentSolver.Verify(problem, result with { PairDuals = pairDuals }).IsOptimal);

            var twice = result.Pairs.ToArray();
            twice[1] = twice[0];
            Assert.False(AssignmentSolver.Verify(problem, result with { Pairs = twice }).IsOptimal);

            // Swapping the columns of two pairs keeps every capacity but breaks the duals or the cells.
            var a = result.Pairs[0];
            var b = result.Pairs.FirstOrDefault(p => p.Row != a.Row && p.Column != a.Column, a);
            if (b != a)
            {
                var swapped = result.Pairs.Select(p => p == a ? a with { Column = b.Column } : p == b ? b with { Column = a.Column } : p).ToArray();
                Assert.False(AssignmentSolver.Verify(problem, result with { Pairs = swapped }).IsOptimal);
            }
        }

        Assert.True(tested >= 50, $"only {tested} instances tested");
    }

    [Fact]
    public void Solves_a_medium_sparse_instance_with_capacities_two()
    {
        var random = new Random(500);
        var cells = new List<SparseCost>();
        for (var r = 0; r < 500; r++)
        {
            foreach (var c in Enumerable.Range(0, 20).Select(_ => random.Next(500)).Distinct())
            {
                cells.Add(new SparseCost(r, c, random.Next(1, 10_000)));
            }
        }

        var capacities = Enumerable.Repeat(2, 500).ToArray();
        var problem = new AssignmentProblem(SparseCostMatrix.Create(500, 500, cells))
        {
            Sense = ObjectiveSense.Maximize,
            Partial = true,
            RowCapacities = capacities,
            ColumnCapacities = capacities,
        };

        var result = AssignmentSolver.Solve(problem);

        Assert.Equal(AssignmentStatus.Optimal, result.Status);
        Assert.True(result.Pairs.Count > 900);
        Assert.Equal(result.Pairs.Count, result.Pairs.Select(p => (p.Row, p.Column)).Distinct().Count());
        var check = AssignmentSolver.Verify(problem, result);
        Assert.True(check.IsOptimal, check.Failure);
    }

    [Fact]
    public void Solves_a_medium_dense_instance_on_a_grown_candidate_graph()
    {
        var random = new Random(501);
        var values = Enumerable.Range(0, 300 * 300).Select(_ => random.Next(10) == 0 ? CostMatrix.ForbiddenInt32 : random.Next(0, 10_000)).ToArray();
        var problem = new AssignmentProblem(CostMatrix.FromInt32(300, 300, values))
        {
            RowCapacities = Enumerable.Repeat(2, 300).ToArray(),
            ColumnCapacities = Enumerable.Repeat(3, 300).ToArray(),
        };

        var result = AssignmentSolver.Solve(problem);

        Assert.Equal(AssignmentStatus.Optimal, result.Status);
        Assert.Equal(600, result.Pairs.Count);
        Assert.True(result.CandidateCells < 300 * 300 / 2, $"{result.CandidateCells} candidate cells");
        var check = AssignmentSolver.Verify(problem, result);
        Assert.True(check.IsOptimal, check.Failure);
    }
}
