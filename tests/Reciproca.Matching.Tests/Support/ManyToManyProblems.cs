using Reciproca.Matching.Assignment;

namespace Reciproca.Matching.Tests.Support;

/// <summary>Random problems with capacities on both sides (1 to 3, sometimes 0) and forbidden cells.</summary>
internal static class ManyToManyProblems
{
    public static AssignmentProblem Create(Random random, bool sparse, int maxSide = 4)
    {
        var rows = random.Next(1, maxSide + 1);
        var columns = random.Next(1, maxSide + 1);
        var range = random.Next(3) switch { 0 => 3, 1 => 100, _ => 1_000_000_000_000 };
        var negative = random.Next(3) == 0;
        var forbiddenShare = random.Next(4) switch { 0 => 0.0, 1 => 0.1, 2 => 0.3, _ => 0.6 };
        var values = new long[rows * columns];
        var cells = new List<SparseCost>();
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < columns; c++)
            {
                var value = random.NextInt64(negative ? -range : 0, range + 1);
                var forbidden = random.NextDouble() < forbiddenShare;
                values[(r * columns) + c] = forbidden ? CostMatrix.Forbidden : value;
                if (!forbidden)
                {
                    cells.Add(new SparseCost(r, c, value));
                }
            }
        }

        int Capacity() => random.Next(10) == 0 ? 0 : random.Next(1, 4);
        var rowCapacities = Enumerable.Range(0, rows).Select(_ => Capacity()).ToArray();
        var columnCapacities = Enumerable.Range(0, columns).Select(_ => Capacity()).ToArray();
        var sense = random.Next(2) == 0 ? ObjectiveSense.Minimize : ObjectiveSense.Maximize;
        var partial = random.Next(2) == 0;
        var problem = sparse
            ? new AssignmentProblem(SparseCostMatrix.Create(rows, columns, cells)) { Sense = sense, Partial = partial }
            : new AssignmentProblem(CostMatrix.FromInt64(rows, columns, values)) { Sense = sense, Partial = partial };
        return With(problem, rowCapacities, columnCapacities);
    }

    /// <summary>The same matrix, sense and mode with other capacities.</summary>
    public static AssignmentProblem With(AssignmentProblem problem, int[]? rowCapacities, int[]? columnCapacities) =>
        problem.Sparse is { } sparse
            ? new AssignmentProblem(sparse) { Sense = problem.Sense, Partial = problem.Partial, RowCapacities = rowCapacities, ColumnCapacities = columnCapacities }
            : new AssignmentProblem(problem.Dense!) { Sense = problem.Sense, Partial = problem.Partial, RowCapacities = rowCapacities, ColumnCapacities = columnCapacities };
}
