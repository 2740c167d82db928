using System.Globalization;
using Reciproca.Matching.Assignment;

namespace Reciproca.Matching.Cli;

/// <summary>Reads OR-Library (dense or sparse) and CSV cost matrices.</summary>
public static class MatrixFileReader
{
    /// <summary>Reads a file: a name ending in <c>.csv</c> is a CSV matrix, anything else OR-Library.</summary>
    /// <param name="path">The file.</param>
    /// <returns>A problem over the matrix (minimisation, no capacities yet).</returns>
    public static AssignmentProblem Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new InputException($"{path}: file not found.");
        }

        var text = File.ReadAllText(path);
        return path.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) ? ParseCsv(path, text) : ParseOrLibrary(path, text);
    }

    /// <summary>
    /// Parses OR-Library text: <c>n</c>, then either n*n costs row by row (dense) or triples <c>i j c</c>
    /// with 1-based indices (sparse; unlisted pairs are forbidden). Exactly n*n numbers means dense.
    /// </summary>
    /// <param name="name">The name used in messages.</param>
    /// <param name="text">The content.</param>
    /// <returns>The problem.</returns>
    public static AssignmentProblem ParseOrLibrary(string name, string text)
    {
        var tokens = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (tokens.Length == 0)
        {
            throw new InputException($"{name}: the file is empty.");
        }

        var n = ParseLong(name, tokens[0], "the size n");
        if (n < 1 || n > 100_000)
        {
            throw new InputException($"{name}: the size n must be between 1 and 100000, got {n}.");
        }

        var count = tokens.Length - 1;
        if (count == n * n)
        {
            var values = new long[n * n];
            for (var a = 0; a < values.Length; a++)
            {
                values[a] = ParseCost(name, tokens[a + 1], $"cost {a + 1}");
            }

            return new AssignmentProblem(CostMatrix.FromInt64((int)n, (int)n, values));
        }

        if (count % 3 != 0)
        {
            throw new InputException($"{name}: after n = {n} expected {n * n} costs (dense) or triples 'i j c' (sparse), got {count} numbers.");
        }

        var cells = new List<SparseCost>(count / 3);
        var seen = new HashSet<(int, int)>();
        for (var a = 1; a < tokens.Length; a += 3)
        {
            var triple = (a + 2) / 3;
            var i = ParseLong(name, tokens[a], $"row of triple {triple}");
            var j = ParseLong(name, tokens[a + 1], $"column of triple {triple}");
            var c = ParseCost(name, tokens[a + 2], $"cost of triple {triple}");
            if (i < 1 || i > n || j < 1 || j > n)
            {
                throw new InputException($"{name}: triple {triple} ({i} {j}) lies outside 1..{n}.");
            }

            if (!seen.Add(((int)i, (int)j)))
            {
                throw new InputException($"{name}: pair ({i}, {j}) is listed twice.");
            }

            cells.Add(new SparseCost((int)i - 1, (int)j - 1, c));
        }

        return new AssignmentProblem(SparseCostMatrix.Create((int)n, (int)n, cells));
    }

    /// <summary>
    /// Parses a CSV matrix: one row per line, comma-separated integers; an empty cell or <c>x</c> is forbidden.
    /// Blank lines at the end are ignored; every row must have the same number of cells.
    /// </summary>
    /// <param name="name">The name used in messages.</param>
    /// <param name="text">The content.</param>
    /// <returns>The problem.</returns>
    public static AssignmentProblem ParseCsv(string name, string text)
    {
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n').ToList();
        while (lines.Count > 0 && string.IsNullOrWhiteSpace(lines[^1]))
        {
            lines.RemoveAt(lines.Count - 1);
        }

        if (lines.Count == 0)
        {
            throw new InputException($"{name}: the file is empty.");
        }

        var columns = lines[0].Split(',').Length;
        var values = new long[(long)lines.Count * columns];
        for (var r = 0; r < lines.Count; r++)
        {
            var cells = lines[r].Split(',');
            if (cells.Length != columns)
            {
                throw new InputException($"{name}: line {r + 1} has {cells.Length} cells, expected {columns} like line 1.");
            }

            for (var c = 0; c < columns; c++)
            {
                var cell = cells[c].Trim();
                values[((long)r * columns) + c] = cell.Length == 0 || cell is "x" or "X"
                    ? CostMatrix.Forbidden
                    : ParseCost(name, cell, $"line {r + 1}, cell {c + 1}");
            }
        }

        return new AssignmentProblem(CostMatrix.FromInt64(lines.Count, columns, values));
    }

    /// <summary>Reads capacities: one non-negative integer per line.</summary>
    /// <param name="path">The file.</param>
    /// <param name="expected">How many values are expected.</param>
    /// <returns>The capacities.</returns>
    public static int[] ReadCapacities(string path, int expected)
    {
        if (!File.Exists(path))
        {
            throw new InputException($"{path}: file not found.");
        }

        var lines = File.ReadAllLines(path).Select(l => l.Trim()).Where(l => l.Length > 0).ToArray();
        if (lines.Length != expected)
        {
            throw new InputException($"{path}: expected {expected} capacities (one per line), got {lines.Length}.");
        }

        var capacities = new int[lines.Length];
        for (var a = 0; a < lines.Length; a++)
        {
            if (!int.TryParse(lines[a], NumberStyles.Integer, CultureInfo.InvariantCulture, out capacities[a]) || capacities[a] < 0)
            {
                throw new InputException($"{path}: line {a + 1}: '{lines[a]}' is not a non-negative integer.");
            }
        }

        return capacities;
    }

    private static long ParseLong(string name, string token, string what) =>
        long.TryParse(token, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new InputException($"{name}: {what}: '{token}' is not an integer.");

    private static long ParseCost(string name, string token, string what)
    {
        var value = ParseLong(name, token, what);
        return value is > CostMatrix.MaxAbsCost or < -CostMatrix.MaxAbsCost
            ? throw new InputException($"{name}: {what}: {value} is outside ±{CostMatrix.MaxAbsCost}.")
            : value;
    }
}
