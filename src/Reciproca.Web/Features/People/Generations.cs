namespace Reciproca.Web.Features.People;

/// <summary>A generation of a scheme: a stable key (for filters and resources) and its birth-year range.</summary>
public sealed record Generation(string Key, int FirstBirthYear, int LastBirthYear)
{
    public bool Contains(int birthYear) => birthYear >= FirstBirthYear && birthYear <= LastBirthYear;
}

/// <summary>
/// Generations are a reporting label derived from the birth year under a configurable scheme; they are
/// never stored, so changing the scheme re-labels everybody at once.
/// </summary>
public sealed class GenerationScheme
{
    public const string SectionName = "Generations";

    private GenerationScheme(string name, IReadOnlyList<Generation> generations)
    {
        Name = name;
        Generations = generations;
    }

    public string Name { get; }

    public IReadOnlyList<Generation> Generations { get; }

    /// <summary>Pew Research Center's definitions (the default).</summary>
    public static GenerationScheme Pew { get; } = new("Pew",
    [
        new("silent", 1928, 1945),
        new("boomers", 1946, 1964),
        new("genx", 1965, 1980),
        new("millennials", 1981, 1996),
        new("genz", 1997, 2012),
    ]);

    /// <summary>McCrindle's definitions (Builders to Gen Alpha).</summary>
    public static GenerationScheme McCrindle { get; } = new("McCrindle",
    [
        new("builders", 1925, 1945),
        new("boomers", 1946, 1964),
        new("genx", 1965, 1979),
        new("millennials", 1980, 1994),
        new("genz", 1995, 2009),
        new("genalpha", 2010, 2024),
    ]);

    public static GenerationScheme FromName(string? name) => name?.Trim().ToUpperInvariant() switch
    {
        null or "" or "PEW" => Pew,
        "MCCRINDLE" => McCrindle,
        _ => throw new InvalidOperationException($"Unknown generation scheme '{name}'. Use Pew or McCrindle."),
    };

    public Generation? Of(int? birthYear) =>
        birthYear is { } year ? Generations.FirstOrDefault(g => g.Contains(year)) : null;

    public Generation? Find(string? key) =>
        Generations.FirstOrDefault(g => string.Equals(g.Key, key, StringComparison.OrdinalIgnoreCase));
}
