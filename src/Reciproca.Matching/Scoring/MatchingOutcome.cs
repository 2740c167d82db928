namespace Reciproca.Matching.Scoring;

/// <summary>Which side of the programme a person is on.</summary>
public enum MatchingSide
{
    /// <summary>A junior mentor.</summary>
    Junior,

    /// <summary>A senior mentee.</summary>
    Senior,
}

/// <summary>Why a person has no pair.</summary>
public enum UnmatchedReason
{
    /// <summary>The person's capacity is zero.</summary>
    NoCapacity,

    /// <summary>Every possible partner is removed by a hard rule, an exclusion or the minimum score.</summary>
    NoEligiblePartner,

    /// <summary>Eligible partners exist, but the optimum gives them to pairs with more mutual benefit.</summary>
    PartnersTakenByBetterPairs,
}

/// <summary>A proposed pair with the exact score the solver optimised and its explanation.</summary>
/// <param name="JuniorId">The junior mentor.</param>
/// <param name="SeniorId">The senior mentee.</param>
/// <param name="Score">The pair's score.</param>
/// <param name="Locked">Whether HR fixed the pair.</param>
/// <param name="Explanation">Why the pair scores what it scores, in both directions.</param>
public sealed record MatchProposal(Guid JuniorId, Guid SeniorId, long Score, bool Locked, PairExplanation Explanation);

/// <summary>A person left without a pair, and why.</summary>
/// <param name="PersonId">The person.</param>
/// <param name="Side">Junior or senior.</param>
/// <param name="Reason">Why.</param>
public sealed record UnmatchedPerson(Guid PersonId, MatchingSide Side, UnmatchedReason Reason);

/// <summary>The result of a matching run.</summary>
public sealed record MatchingOutcome
{
    /// <summary>The proposed pairs, locked ones included, by junior then senior order of the input.</summary>
    public required IReadOnlyList<MatchProposal> Proposals { get; init; }

    /// <summary>People with no pair at all.</summary>
    public required IReadOnlyList<UnmatchedPerson> Unmatched { get; init; }

    /// <summary>Sum of the proposals' scores: the maximum possible under the rules.</summary>
    public required long TotalScore { get; init; }

    /// <summary>Whether the dual certificate proved the (unlocked part of the) matching optimal.</summary>
    public required bool Verified { get; init; }
}
