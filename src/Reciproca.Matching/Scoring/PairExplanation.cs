namespace Reciproca.Matching.Scoring;

/// <summary>Codes of the rules the engine applies; the UI turns them into words (Italian or English).</summary>
public enum RuleCode
{
    /// <summary>Soft preference met: the two work in different departments (bonus added).</summary>
    DifferentDepartment,

    /// <summary>Soft preference met: the two work in different locations (bonus added).</summary>
    DifferentLocation,

    /// <summary>HR fixed this pair.</summary>
    HrLock,

    /// <summary>Hard rule: one is in the other's reporting line within the configured depth.</summary>
    SameReportingLine,

    /// <summary>Hard rule: the two share no language.</summary>
    NoCommonLanguage,

    /// <summary>Hard rule: HR excluded this pair.</summary>
    HrExclusion,

    /// <summary>The pair scores below the minimum: at least one side would gain (almost) nothing.</summary>
    BelowMinimumScore,
}

/// <summary>One item of an explanation: a competence or topic key and how much it contributes.</summary>
/// <param name="Key">A DigComp competence id (benefit to the senior) or a topic key (benefit to the junior).</param>
/// <param name="Value">For a competence, the junior's level minus the senior's; for a topic, 1.</param>
public sealed record Contribution(string Key, int Value);

/// <summary>
/// Why a pair scores what it scores, in both directions, as data (the UI localises it).
/// Benefits are in units of 1/<see cref="ReciprocalScorer.ScoreScale"/>.
/// </summary>
public sealed record PairExplanation
{
    /// <summary>How much of the senior's wanted competences the junior covers (0 .. ScoreScale).</summary>
    public required int BenefitToSenior { get; init; }

    /// <summary>How much of the junior's wanted topics the senior offers (0 .. ScoreScale).</summary>
    public required int BenefitToJunior { get; init; }

    /// <summary>The harmonic mean of the two benefits (0 .. ScoreScale): low whenever one side gains little.</summary>
    public required int Reciprocal { get; init; }

    /// <summary>Points added by soft preferences.</summary>
    public required int Bonus { get; init; }

    /// <summary>The largest contributions to the senior's benefit, largest first.</summary>
    public required IReadOnlyList<Contribution> ToSenior { get; init; }

    /// <summary>The contributions to the junior's benefit (shared topics), by key.</summary>
    public required IReadOnlyList<Contribution> ToJunior { get; init; }

    /// <summary>Every rule that applied to the pair: soft preferences met, a lock, or what forbids it.</summary>
    public required IReadOnlyList<RuleCode> Rules { get; init; }
}

/// <summary>The engine's view of one pair: its score, or the rule that forbids it, and the explanation.</summary>
/// <param name="JuniorId">The junior.</param>
/// <param name="SeniorId">The senior.</param>
/// <param name="Score">The exact integer score the solver optimises (reciprocal part plus bonuses).</param>
/// <param name="ForbiddenBy">The first hard rule that removes the pair, or <see langword="null"/> when allowed.</param>
/// <param name="Explanation">Contributions in both directions and the rules applied.</param>
public sealed record PairEvaluation(Guid JuniorId, Guid SeniorId, long Score, RuleCode? ForbiddenBy, PairExplanation Explanation)
{
    /// <summary>Whether the solver may propose the pair.</summary>
    public bool IsAllowed => ForbiddenBy is null;
}
