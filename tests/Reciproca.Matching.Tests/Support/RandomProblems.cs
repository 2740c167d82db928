using Reciproca.Matching.Assignment;

namespace Reciproca.Matching.Tests.Support;

/// <summary>Small random problems covering every mode.</summary>
internal static class RandomProblems
{
    public static AssignmentProblem Create(Random random, bool sparse, bool allowForbidden = true)
    {
        var rows = random.Next(1, 6);
        var columns = random.Next(1, 6);
        var range = random.Next(4) switch { 0 => 3, 1 => 10, 2 => 1000, _ => 1_000_000_000_000 };
        var negative = random.Next(3) == 0;
        var forbiddenShare = allowForbidden ? random.Next(4) switch { 0 => 0.0, 1 => 0.1, 2 => 0.3, _ => 0.6 } : 0.0;
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

        int[]? rowCapacities = null;
        int[]? columnCapacities = null;
        switch (random.Next(4))
        {
            case 1:
                rowCapacities = Enumerable.Range(0, rows).Select(_ => random.Next(0, 3)).ToArray();
                break;
            case 2:
                columnCapacities = Enumerable.Range(0, columns).Select(_ => random.Next(0, 3)).ToArray();
                break;
        }

        var sense = random.Next(2) == 0 ? ObjectiveSense.Minimize : ObjectiveSense.Maximize;
        var partial = random.Next(3) == 0;
        if (sparse)
        {
            return new AssignmentProblem(SparseCostMatrix.Create(rows, columns, cells))
            {
                Sense = sense,
                Partial = partial,
                RowCapacities = rowCapacities,
                ColumnCapacities = columnCapacities,
            };
        }

        var useInt32 = range <= 1000 && random.Next(2) == 0;
        var matrix = useInt32
            ? CostMatrix.FromInt32(rows, columns, values.Select(v => v == CostMatrix.Forbidden ? CostMatrix.ForbiddenInt32 : (int)v).ToArray())
            : CostMatrix.FromInt64(rows, columns, values);
        return new AssignmentProblem(matrix)
        {
            Sense = sense,
            Partial = partial,
            RowCapacities = rowCapacities,
            ColumnCapacities = columnCapacities,
        };
    }
}
