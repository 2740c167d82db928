namespace Reciproca.Matching.Scoring;

/// <summary>A pair of people, junior first.</summary>
/// <param name="JuniorId">The junior mentor.</param>
/// <param name="SeniorId">The senior mentee.</param>
public readonly record struct PairKey(Guid JuniorId, Guid SeniorId);

/// <summary>HR's rules for one matching run: hard rules, soft preference weights, exclusions and locks.</summary>
public sealed record MatchingRules
{
    /// <summary>The default rules.</summary>
    public static MatchingRules Default { get; } = new();

    /// <summary>
    /// Forbid a pair when either person is among the other's first this-many managers (1 = direct manager).
    /// 0 disables the rule.
    /// </summary>
    public int ReportingLineDepth { get; init; } = 2;

    /// <summary>Points added when the two work in different departments (the reciprocal part is worth up to <see cref="ReciprocalScorer.ScoreScale"/>).</summary>
    public int DifferentDepartmentBonus { get; init; } = 1000;

    /// <summary>Points added when the two work in different locations.</summary>
    public int DifferentLocationBonus { get; init; } = 500;

    /// <summary>Pairs scoring below this are not proposed: leaving both unmatched is better.</summary>
    public long MinimumScore { get; init; } = 1;

    /// <summary>Pairs HR has ruled out.</summary>
    public IReadOnlyCollection<PairKey> Exclusions { get; init; } = [];

    /// <summary>Pairs HR has fixed; they are always proposed and use up one unit of each side's capacity.</summary>
    public IReadOnlyCollection<PairKey> Locks { get; init; } = [];

    /// <summary>How many contributions per direction an explanation lists.</summary>
    public int TopContributions { get; init; } = 3;

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegative(ReportingLineDepth);
        ArgumentOutOfRangeException.ThrowIfNegative(DifferentDepartmentBonus);
        ArgumentOutOfRangeException.ThrowIfNegative(DifferentLocationBonus);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(DifferentDepartmentBonus, 1_000_000);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(DifferentLocationBonus, 1_000_000);
        ArgumentOutOfRangeException.ThrowIfNegative(TopContributions);
        ArgumentNullException.ThrowIfNull(Exclusions);
        ArgumentNullException.ThrowIfNull(Locks);
    }
}
