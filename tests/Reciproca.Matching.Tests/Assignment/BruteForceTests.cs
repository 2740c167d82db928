using Reciproca.Matching.Assignment;
using Reciproca.Matching.Tests.Support;

namespace Reciproca.Matching.Tests.Assignment;

public sealed class BruteForceTests
{
    public static TheoryData<bool, int> Cases() => new()
    {
        { false, 0 },
        { false, 1 },
        { false, 2 },
        { true, 0 },
        { true, 1 },
    };

    [Fact]
    public void Matches_exhaustive_search_with_the_default_options()
    {
        // The default options send small square dense problems to the array LAPJV, which the cases below skip.
        var random = new Random(7);
        for (var n = 0; n < 3000; n++)
        {
            var problem = RandomProblems.Create(random, sparse: n % 2 == 0);
            var expected = BruteForce.Optimum(problem);
            var result = AssignmentSolver.Solve(problem);

            Assert.Equal(expected is null, result.Status == AssignmentStatus.Infeasible);
            if (expected is { } optimum)
            {
                Assert.Equal(optimum, result.Objective);
                var check = AssignmentSolver.Verify(problem, result);
                Assert.True(check.IsOptimal, $"instance {n}: {check.Failure}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Matches_exhaustive_search_on_thousands_of_small_instances(bool sparse, int candidatesPerRow)
    {
        var random = new Random(20261128 + candidatesPerRow + (sparse ? 7 : 0));
        // Zero solves whole; one and two force the candidate graph and make the dual repair do most of the work.
        var options = new SolverOptions { CandidatesPerRow = candidatesPerRow, SparseCandidatesPerRow = candidatesPerRow, WholeBelowCells = 0 };
        for (var n = 0; n < 1500; n++)
        {
            var problem = RandomProblems.Create(random, sparse);
            var expected = BruteForce.Optimum(problem);
            var result = AssignmentSolver.Solve(problem, options);
            if (expected is null)
            {
                Assert.Equal(AssignmentStatus.Infeasible, result.Status);
                continue;
            }

            Assert.True(result.Status == AssignmentStatus.Optimal, $"instance {n}: expected optimum {expected}, got infeasible");
            Assert.Equal(expected.Value, result.Objective);
            var check = AssignmentSolver.Verify(problem, result);
            Assert.True(check.IsOptimal, $"instance {n}: {check.Failure}");
        }
    }
}
