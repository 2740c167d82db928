using Reciproca.Matching.Assignment;
using Reciproca.Matching.Cli;

namespace Reciproca.Matching.Bench;

/// <summary>The suite: seeded random matrices (identical for both solvers) and the OR-Library instances.</summary>
internal static class Instances
{
    // Forbidden pairs of the sparse OR-Library instances, for SciPy's dense matrix: costs are at most 100,
    // so a pair costing more than n * 100 is never chosen while a feasible assignment exists.
    private const int ScipyForbiddenCost = 1_000_000;

    public static BenchInstance Uniform(int n, int seed)
    {
        var random = new Random(seed);
        var values = new int[n * n];
        for (var a = 0; a < values.Length; a++)
        {
            values[a] = random.Next(0, 100_001);
        }

        return new BenchInstance($"uniform-{n}", "dense uniform 0..100000", n, new AssignmentProblem(CostMatrix.FromInt32(n, n, values)), values, null);
    }

    /// <summary>
    /// L1 distances between random DigComp-like profiles (21 levels in 1..8): costs cluster in a narrow band,
    /// with many ties, and "central" columns are cheap for every row.
    /// </summary>
    public static BenchInstance Profiles(int n, int seed)
    {
        const int Dimensions = 21;
        var random = new Random(seed);
        var left = new byte[n * Dimensions];
        var right = new byte[n * Dimensions];
        for (var a = 0; a < left.Length; a++)
        {
            left[a] = (byte)random.Next(1, 9);
            right[a] = (byte)random.Next(1, 9);
        }

        var values = new int[n * n];
        for (var r = 0; r < n; r++)
        {
            for (var c = 0; c < n; c++)
            {
                var sum = 0;
                for (var d = 0; d < Dimensions; d++)
                {
                    sum += Math.Abs(left[(r * Dimensions) + d] - right[(c * Dimensions) + d]);
                }

                values[(r * n) + c] = sum;
            }
        }

        return new BenchInstance($"profiles-{n}", "structured: L1 distance of 21-level profiles", n, new AssignmentProblem(CostMatrix.FromInt32(n, n, values)), values, null);
    }

    public static IEnumerable<BenchInstance> OrLibrary(string folder)
    {
        var optima = File.ReadAllLines(Path.Combine(folder, "optima.csv"))
            .Where(line => line.Length > 0 && !line.StartsWith('#') && !line.StartsWith("instance,", StringComparison.Ordinal))
            .Select(line => line.Split(','));
        foreach (var fields in optima)
        {
            var name = fields[0];
            var problem = MatrixFileReader.Read(Path.Combine(folder, name + ".txt"));
            var n = problem.Rows;
            var values = new int[n * n];
            for (var r = 0; r < n; r++)
            {
                for (var c = 0; c < n; c++)
                {
                    values[(r * n) + c] = problem.TryGetCost(r, c, out var cost) ? (int)cost : ScipyForbiddenCost;
                }
            }

            var kind = problem.Sparse is null ? "OR-Library dense" : "OR-Library sparse";
            yield return new BenchInstance(name, kind, n, problem, values, long.Parse(fields[3], System.Globalization.CultureInfo.InvariantCulture));
        }
    }
}
