namespace Reciproca.BrowserTests.Support;

/// <summary>
/// Where the repository, the shared data and the browser are. Locally a missing prerequisite skips the test with
/// the reason printed; in CI (<c>CI=true</c>) it fails it, so nothing is silently not run.
/// </summary>
public static class TestEnvironment
{
    public const string ChromiumPath = "/usr/bin/chromium";

    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    public static string SharedFolder => Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared"));

    /// <summary>Screenshots go beside the test binaries, in <c>TestResults/screenshots</c>.</summary>
    public static string ScreenshotFolder { get; } = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "TestResults", "screenshots")).FullName;

    /// <summary>axe reports (every violation, minor ones too) go to <c>TestResults/axe</c>.</summary>
    public static string AxeReportFolder { get; } = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "TestResults", "axe")).FullName;

    /// <summary>The path of a file under <c>../shared/data</c>, or a skip (locally) / failure (CI) when it is absent.</summary>
    public static string SharedDataFile(string relativePath)
    {
        var path = Path.Combine(SharedFolder, "data", relativePath);
        if (!File.Exists(path))
        {
            Unavailable($"The shared test data file {path} is missing (the ../shared folder beside the repository).");
        }

        return path;
    }

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    public static void Unavailable(string reason)
    {
        if (IsCi)
        {
            Assert.Fail($"{reason} In CI (CI=true) nothing may skip.");
        }

        Assert.Skip(reason);
    }

    private static string FindRepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Reciproca.slnx")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"Reciproca.slnx not found above {AppContext.BaseDirectory}.");
    }
}
