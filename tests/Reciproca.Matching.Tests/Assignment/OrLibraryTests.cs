using Reciproca.Matching.Assignment;
using Reciproca.Matching.Cli;
using Reciproca.Matching.Tests.Support;

namespace Reciproca.Matching.Tests.Assignment;

public sealed class OrLibraryTests
{
    private static readonly string[] _instances =
    [
        "assign100", "assign200", "assign300", "assign400", "assign500", "assign600", "assign700", "assign800",
        "assignp800", "assignp1500", "assignp3000", "assignp5000",
    ];

    public static TheoryData<string> Instances() => [.. _instances];

    [Theory]
    [MemberData(nameof(Instances))]
    public void Reproduces_the_published_optimum_with_a_verified_certificate(string instance)
    {
        var folder = SharedData.OrLibraryFolder();
        var fileName = instance + ".txt";
        SharedData.CheckSha256(folder, fileName);
        var (_, n, kind, optimum) = SharedData.Optima(folder).Single(o => o.Instance == instance);
        var problem = MatrixFileReader.Read(Path.Combine(folder, fileName));
        Assert.Equal(n, problem.Rows);
        Assert.Equal(kind == "sparse", problem.Sparse is not null);

        var result = AssignmentSolver.Solve(problem);

        Assert.Equal(AssignmentStatus.Optimal, result.Status);
        Assert.Equal(optimum, result.Objective);
        Assert.Equal(n, result.Pairs.Count);
        var check = AssignmentSolver.Verify(problem, result);
        Assert.True(check.IsOptimal, check.Failure);
    }

    [Fact]
    public void Lists_all_twelve_instances_in_optima_csv()
    {
        var folder = SharedData.OrLibraryFolder();
        Assert.Equal(_instances.Order(), SharedData.Optima(folder).Select(o => o.Instance).Order());
    }
}
