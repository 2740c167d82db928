using System.Diagnostics;
using System.Text.Json;
using Reciproca.Matching.Assignment;

namespace Reciproca.Matching.Cli;

/// <summary>The command-line tool; <see cref="Run"/> is the whole program, callable from tests.</summary>
public static class CliApp
{
    /// <summary>Success.</summary>
    public const int ExitOk = 0;

    /// <summary>Bad usage or bad input.</summary>
    public const int ExitBadInput = 1;

    /// <summary>The input has no feasible assignment.</summary>
    public const int ExitInfeasible = 2;

    /// <summary>The certificate did not verify (a bug: please report it).</summary>
    public const int ExitNotVerified = 3;

    private const string Usage = """
        usage: reciproca-match solve FILE [--maximize] [--partial] [--col-capacity-file F] [--row-capacity-file F]
          FILE ending in .csv: one row per line, comma-separated integers; an empty cell or x is forbidden.
          any other FILE: OR-Library, n then n*n costs (dense) or triples 'i j c', 1-based (sparse).
          Prints one JSON object: objective, matched ([row, column] pairs, 0-based), solveSeconds, verified.
        """;

    /// <summary>Runs the tool.</summary>
    /// <param name="args">Command-line arguments.</param>
    /// <param name="output">Where the JSON goes.</param>
    /// <param name="error">Where messages go.</param>
    /// <returns>The exit code.</returns>
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        try
        {
            return RunSolve(ParseArguments(args), output, error);
        }
        catch (InputException exception)
        {
            error.WriteLine($"error: {exception.Message}");
            return ExitBadInput;
        }
    }

    private sealed record Arguments(string File, bool Maximize, bool Partial, string? ColumnCapacityFile, string? RowCapacityFile);

    private static Arguments ParseArguments(string[] args)
    {
        if (args.Length < 2 || args[0] != "solve")
        {
            throw new InputException($"expected 'solve FILE'.{Environment.NewLine}{Usage}");
        }

        string? file = null;
        string? columnCapacities = null;
        string? rowCapacities = null;
        bool maximize = false, partial = false;
        for (var a = 1; a < args.Length; a++)
        {
            switch (args[a])
            {
                case "--maximize":
                    maximize = true;
                    break;
                case "--partial":
                    partial = true;
                    break;
                case "--col-capacity-file" or "--row-capacity-file" when a + 1 < args.Length:
                    if (args[a] == "--col-capacity-file")
                    {
                        columnCapacities = args[++a];
                    }
                    else
                    {
                        rowCapacities = args[++a];
                    }

                    break;
                case var option when option.StartsWith("--", StringComparison.Ordinal):
                    throw new InputException($"unknown or incomplete option '{option}'.{Environment.NewLine}{Usage}");
                default:
                    if (file is not null)
                    {
                        throw new InputException($"only one FILE is accepted, got '{file}' and '{args[a]}'.");
                    }

                    file = args[a];
                    break;
            }
        }

        return file is null
            ? throw new InputException($"missing FILE.{Environment.NewLine}{Usage}")
            : new Arguments(file, maximize, partial, columnCapacities, rowCapacities);
    }

    private static int RunSolve(Arguments arguments, TextWriter output, TextWriter error)
    {
        var parsed = MatrixFileReader.Read(arguments.File);
        var problem = CopyWith(
            parsed,
            arguments.Maximize ? ObjectiveSense.Maximize : ObjectiveSense.Minimize,
            arguments.Partial,
            arguments.RowCapacityFile is { } rows ? MatrixFileReader.ReadCapacities(rows, parsed.Rows) : null,
            arguments.ColumnCapacityFile is { } columns ? MatrixFileReader.ReadCapacities(columns, parsed.Columns) : null);

        WarmUp(problem);
        AssignmentResult result;
        var stopwatch = Stopwatch.StartNew();
        try
        {
            result = AssignmentSolver.Solve(problem);
        }
        catch (ArgumentException exception)
        {
            throw new InputException(exception.Message);
        }

        stopwatch.Stop();
        if (result.Status == AssignmentStatus.Infeasible)
        {
            error.WriteLine($"error: {arguments.File}: no feasible assignment (some row or column cannot be matched under the forbidden pairs and capacities; try --partial).");
            return ExitInfeasible;
        }

        var check = AssignmentSolver.Verify(problem, result);
        WriteJson(output, result, stopwatch.Elapsed.TotalSeconds, check.IsOptimal);
        if (!check.IsOptimal)
        {
            error.WriteLine($"error: the optimality certificate did not verify: {check.Failure}");
            return ExitNotVerified;
        }

        return ExitOk;
    }

    // solveSeconds is the solve alone: a tiny problem of the same kind first, so that compiling the solver's
    // code paths (the JIT) is not counted.
    private static void WarmUp(AssignmentProblem problem)
    {
        var options = new SolverOptions { CandidatesPerRow = 1, SparseCandidatesPerRow = 1, WholeBelowCells = 0 };
        long[] values = [4, 1, 3, 2, 0, 5, 3, 2, 2];
        var tiny = problem.Dense is not null
            ? new AssignmentProblem(CostMatrix.FromInt64(3, 3, values)) { Sense = problem.Sense, Partial = problem.Partial }
            : new AssignmentProblem(SparseCostMatrix.Create(3, 3, values.Select((c, a) => new SparseCost(a / 3, a % 3, c)))) { Sense = problem.Sense, Partial = problem.Partial };
        AssignmentSolver.Solve(tiny, options);
    }

    private static AssignmentProblem CopyWith(AssignmentProblem parsed, ObjectiveSense sense, bool partial, int[]? rowCapacities, int[]? columnCapacities)
    {
        return parsed.Dense is { } dense
            ? new AssignmentProblem(dense) { Sense = sense, Partial = partial, RowCapacities = rowCapacities, ColumnCapacities = columnCapacities }
            : new AssignmentProblem(parsed.Sparse!) { Sense = sense, Partial = partial, RowCapacities = rowCapacities, ColumnCapacities = columnCapacities };
    }

    private static void WriteJson(TextWriter output, AssignmentResult result, double solveSeconds, bool verified)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream))
        {
            json.WriteStartObject();
            json.WriteNumber("objective", result.Objective);
            json.WriteStartArray("matched");
            foreach (var pair in result.Pairs)
            {
                json.WriteStartArray();
                json.WriteNumberValue(pair.Row);
                json.WriteNumberValue(pair.Column);
                json.WriteEndArray();
            }

            json.WriteEndArray();
            json.WriteNumber("solveSeconds", solveSeconds);
            json.WriteBoolean("verified", verified);
            json.WriteEndObject();
        }

        output.WriteLine(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
    }
}
