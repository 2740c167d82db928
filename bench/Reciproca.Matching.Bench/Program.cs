using System.Diagnostics;
using System.Globalization;
using Reciproca.Matching.Assignment;
using Reciproca.Matching.Bench;

// Side-by-side timing of our solver and scipy.optimize.linear_sum_assignment on identical matrices, then the
// scoring benchmark. Usage: dotnet run -c Release --project bench/Reciproca.Matching.Bench [-- --quick] [--no-scipy]
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
var quick = args.Contains("--quick");
var withScipy = !args.Contains("--no-scipy");
var onlyScoring = args.Contains("--scoring-only");
var repetitions = quick ? 3 : 5;
var root = FindRoot();
var script = Path.Combine(root, "bench", "scipy_lsa.py");
var orlib = Path.GetFullPath(Path.Combine(root, "..", "shared", "data", "orlib"));

if (!onlyScoring)
{
    var instances = new List<BenchInstance>();
    foreach (var n in quick ? new[] { 1000, 2000 } : [1000, 2000, 4000])
    {
        instances.Add(Instances.Uniform(n, seed: n));
    }

    foreach (var n in quick ? new[] { 1000 } : [1000, 2000])
    {
        instances.Add(Instances.Profiles(n, seed: n + 1));
    }

    if (Directory.Exists(orlib))
    {
        instances.AddRange(Instances.OrLibrary(orlib));
    }
    else
    {
        Console.WriteLine($"(OR-Library folder not found at {orlib}: skipped)");
    }

    Console.WriteLine($"machine: {Environment.ProcessorCount} cores, {RuntimeInfo()}; solve time only, median of at least {repetitions} runs (about 1 s of runs, at most 101) on each side");
    var scipy = withScipy ? ScipyRunner.Run(instances, repetitions, script) : [];
    Console.WriteLine();
    Console.WriteLine($"{"instance",-14} {"n",6} {"ours ms",10} {"scipy ms",10} {"ratio",8} {"equal",6} {"verified",9} {"rounds",7}");
    var worst = double.MaxValue;
    var allEqual = true;
    foreach (var instance in instances)
    {
        var (ms, result) = TimeOurs(instance.Problem, repetitions);
        var verified = AssignmentSolver.Verify(instance.Problem, result).IsOptimal;
        var equal = "-";
        var ratio = "-";
        var scipyMs = "-";
        if (scipy.TryGetValue(instance.Name, out var theirs))
        {
            var same = theirs.Objective == result.Objective && (instance.KnownOptimum is null || instance.KnownOptimum == result.Objective);
            allEqual &= same && verified;
            equal = same ? "yes" : "NO";
            ratio = (theirs.Milliseconds / ms).ToString("F1") + "x";
            scipyMs = theirs.Milliseconds.ToString("F1");
            worst = Math.Min(worst, theirs.Milliseconds / ms);
        }

        Console.WriteLine($"{instance.Name,-14} {instance.N,6} {ms,10:F2} {scipyMs,10} {ratio,8} {equal,6} {(verified ? "yes" : "NO"),9} {result.Rounds,7}");
    }

    if (scipy.Count > 0)
    {
        Console.WriteLine();
        Console.WriteLine($"scipy {scipy.Values.First().Version}; slowest ratio {worst:F1}x; objectives {(allEqual ? "all equal and verified" : "DIFFER")}");
    }
}

Console.WriteLine();
ScoringBench.Run(quick ? 2 : 3);

static (double Milliseconds, AssignmentResult Result) TimeOurs(AssignmentProblem problem, int repetitions)
{
    // Warm-up runs (the JIT), then about one second's worth of runs (at least `repetitions`, at most 101),
    // as the SciPy script does, so that fast instances get a stable median.
    var warming = Stopwatch.StartNew();
    for (var w = 0; w < 3 || warming.Elapsed.TotalMilliseconds < 300; w++)
    {
        AssignmentSolver.Solve(problem);
    }

    var warmUp = Stopwatch.StartNew();
    var result = AssignmentSolver.Solve(problem);
    var runs = Math.Max(repetitions, Math.Min(101, (int)(1000 / Math.Max(warmUp.Elapsed.TotalMilliseconds, 0.001))));
    var times = new List<double>();
    for (var r = 0; r < runs; r++)
    {
        if (runs < 20)
        {
            GC.Collect();
        }

        var stopwatch = Stopwatch.StartNew();
        result = AssignmentSolver.Solve(problem);
        times.Add(stopwatch.Elapsed.TotalMilliseconds);
    }

    times.Sort();
    return (times[times.Count / 2], result);
}

static string RuntimeInfo() => System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription;

static string FindRoot()
{
    for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
    {
        if (File.Exists(Path.Combine(directory.FullName, "Reciproca.slnx")))
        {
            return directory.FullName;
        }
    }

    throw new InvalidOperationException("Reciproca.slnx not found.");
}
