namespace Reciproca.Matching.Scoring;

/// <summary>
/// A participant as the matching engine sees them: digital competences, wishes, offers and the facts the
/// hard rules and soft preferences need. Strings are keys (DigComp ids such as <c>"1.1"</c>, topic keys,
/// ISO language codes), compared ordinally.
/// </summary>
public sealed record MatchingPerson
{
    /// <summary>The person's id.</summary>
    public required Guid Id { get; init; }

    /// <summary>Self-assessed or measured level per DigComp competence id (<c>"1.1"</c> .. <c>"5.4"</c>), 1 to 8. A missing competence counts as level 1.</summary>
    public IReadOnlyDictionary<string, int> DigitalLevels { get; init; } = new Dictionary<string, int>();

    /// <summary>Competence ids the person wants to improve (a senior's wishes drive the benefit to the senior).</summary>
    public IReadOnlyCollection<string> WantedCompetences { get; init; } = [];

    /// <summary>Experience topics the person can share (a senior's offers drive the benefit to the junior).</summary>
    public IReadOnlyCollection<string> OfferedTopics { get; init; } = [];

    /// <summary>Experience topics the person wants to learn about.</summary>
    public IReadOnlyCollection<string> WantedTopics { get; init; } = [];

    /// <summary>Languages the person can mentor in; empty means unknown, and then the language rule does not apply.</summary>
    public IReadOnlyCollection<string> Languages { get; init; } = [];

    /// <summary>Department key, if known.</summary>
    public string? Department { get; init; }

    /// <summary>Location key, if known.</summary>
    public string? Location { get; init; }

    /// <summary>The reporting line upwards: direct manager first, then the manager's manager, and so on.</summary>
    public IReadOnlyList<Guid> ManagerChain { get; init; } = [];

    /// <summary>
    /// How many partners the person may take (default 1; 0 takes no part), on either side: a junior may mentor
    /// several seniors and a senior take several juniors in the same run, each pair at most once.
    /// </summary>
    public int Capacity { get; init; } = 1;
}
