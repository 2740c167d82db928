using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace Reciproca.Matching.Bench;

/// <summary>Writes the matrices as raw int32 files and times SciPy on them in one Python process.</summary>
internal static class ScipyRunner
{
    public const string Python = "/usr/bin/python3";

    public sealed record ScipyTiming(double Milliseconds, long Objective, string Version);

    public static Dictionary<string, ScipyTiming> Run(IReadOnlyList<BenchInstance> instances, int repetitions, string script)
    {
        var folder = Directory.CreateTempSubdirectory("reciproca-bench-");
        try
        {
            var manifest = Path.Combine(folder.FullName, "manifest.txt");
            using (var writer = new StreamWriter(manifest))
            {
                foreach (var instance in instances)
                {
                    var path = Path.Combine(folder.FullName, instance.Name + ".i32");
                    File.WriteAllBytes(path, MemoryMarshal.AsBytes(instance.ScipyMatrix.AsSpan()).ToArray());
                    writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{instance.Name} {instance.N} {instance.N} {path}"));
                }
            }

            var start = new ProcessStartInfo(Python) { RedirectStandardOutput = true, RedirectStandardError = true };
            start.ArgumentList.Add(script);
            start.ArgumentList.Add(manifest);
            start.ArgumentList.Add(repetitions.ToString(CultureInfo.InvariantCulture));
            using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start " + Python);
            var timings = new Dictionary<string, ScipyTiming>(StringComparer.Ordinal);
            while (process.StandardOutput.ReadLine() is { } line)
            {
                using var json = JsonDocument.Parse(line);
                var root = json.RootElement;
                timings[root.GetProperty("name").GetString()!] = new ScipyTiming(
                    root.GetProperty("ms").GetDouble(), root.GetProperty("objective").GetInt64(), root.GetProperty("scipy").GetString()!);
            }

            var errors = process.StandardError.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"{Python} {script} failed ({process.ExitCode}): {errors}");
            }

            return timings;
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
