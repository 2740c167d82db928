namespace Reciproca.Web.Tests.Support;

/// <summary>
/// Where the shared data and the PostgreSQL server are. Locally, a missing one skips the tests that need it with
/// the reason printed; in CI (<c>CI=true</c>) it fails them, so nothing is silently not run.
/// </summary>
public static class TestEnvironment
{
    public const string PostgresVariable = "RECIPROCA_TEST_POSTGRES";

    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    public static string SharedFolder => Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared"));

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

    public static string PostgresConnectionString()
    {
        var value = Environment.GetEnvironmentVariable(PostgresVariable);
        if (string.IsNullOrWhiteSpace(value))
        {
            Unavailable($"No PostgreSQL server configured: set {PostgresVariable} (e.g. Host=127.0.0.1;Port=5433;Username=postgres;Password=postgres).");
        }

        return value!;
    }

    public static void Unavailable(string reason)
    {
        if (IsCi)
        {
            Assert.Fail($"{reason} In CI nothing may skip.");
        }

        Assert.Skip(reason);
    }

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Reciproca.slnx")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Reciproca.slnx not found above " + AppContext.BaseDirectory);
    }
}
