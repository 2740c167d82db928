namespace Reciproca.Matching.Scoring;

/// <summary>The 21 competences of the European Digital Competence Framework (DigComp 2.2 / 3.0 ids).</summary>
public static class DigComp
{
    /// <summary>Competence ids "1.1" .. "5.4", in framework order.</summary>
    public static IReadOnlyList<string> CompetenceIds { get; } =
    [
        "1.1", "1.2", "1.3",
        "2.1", "2.2", "2.3", "2.4", "2.5", "2.6",
        "3.1", "3.2", "3.3", "3.4",
        "4.1", "4.2", "4.3", "4.4",
        "5.1", "5.2", "5.3", "5.4",
    ];

    /// <summary>The lowest level (foundation).</summary>
    public const int MinLevel = 1;

    /// <summary>The highest level (highly specialised).</summary>
    public const int MaxLevel = 8;
}
