using System.Security.Cryptography;

namespace Reciproca.Matching.Tests.Support;

/// <summary>
/// Finds the shared data folder (<c>../shared</c> beside the repository root). When it is missing a local run
/// skips with the reason; in CI (<c>CI=true</c>) nothing may skip, so the test fails instead.
/// </summary>
internal static class SharedData
{
    public static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Reciproca.slnx")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"Reciproca.slnx not found above {AppContext.BaseDirectory}.");
    }

    public static string OrLibraryFolder()
    {
        var folder = Path.GetFullPath(Path.Combine(RepositoryRoot(), "..", "shared", "data", "orlib"));
        if (!File.Exists(Path.Combine(folder, "optima.csv")))
        {
            var reason = $"OR-Library instances not found at {folder} (expected the shared folder beside the repository).";
            if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            {
                Assert.Fail(reason + " CI=true, so this is a failure, not a skip.");
            }

            Assert.Skip(reason);
        }

        return folder;
    }

    public static IReadOnlyList<(string Instance, int N, string Kind, long Optimum)> Optima(string folder) =>
        File.ReadAllLines(Path.Combine(folder, "optima.csv"))
            .Where(line => line.Length > 0 && !line.StartsWith('#') && !line.StartsWith("instance,", StringComparison.Ordinal))
            .Select(line => line.Split(','))
            .Select(f => (f[0], int.Parse(f[1], System.Globalization.CultureInfo.InvariantCulture), f[2], long.Parse(f[3], System.Globalization.CultureInfo.InvariantCulture)))
            .ToList();

    public static void CheckSha256(string folder, string fileName)
    {
        var sums = File.ReadAllLines(Path.Combine(folder, "SHA256SUMS"))
            .Select(line => line.Split(' ', 2, StringSplitOptions.TrimEntries))
            .ToDictionary(f => f[1].TrimStart('*'), f => f[0], StringComparer.Ordinal);
        Assert.True(sums.TryGetValue(fileName, out var expected), $"{fileName} is not listed in SHA256SUMS");
        var actual = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Path.Combine(folder, fileName))));
        Assert.Equal(expected, actual);
    }
}
