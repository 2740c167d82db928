using Reciproca.Matching.Scoring;

namespace Reciproca.Matching.Tests.Scoring;

internal static class People
{
    public static MatchingPerson Junior(int seed, Action<Dictionary<string, int>>? levels = null, string[]? wantedTopics = null) =>
        new()
        {
            Id = Id(seed),
            DigitalLevels = Levels(6, levels),
            WantedTopics = wantedTopics ?? ["negotiation", "leadership"],
            Languages = ["it"],
            Department = "IT",
            Location = "Milano",
        };

    public static MatchingPerson Senior(int seed, string[]? wantedCompetences = null, string[]? offeredTopics = null) =>
        new()
        {
            Id = Id(seed),
            DigitalLevels = Levels(2, null),
            WantedCompetences = wantedCompetences ?? ["1.1", "2.1", "3.1"],
            OfferedTopics = offeredTopics ?? ["negotiation", "leadership", "budgeting"],
            Languages = ["it", "en"],
            Department = "Finance",
            Location = "Roma",
        };

    public static Guid Id(int seed) => new($"00000000-0000-0000-0000-{seed:D12}");

    private static Dictionary<string, int> Levels(int level, Action<Dictionary<string, int>>? change)
    {
        var levels = DigComp.CompetenceIds.ToDictionary(id => id, _ => level);
        change?.Invoke(levels);
        return levels;
    }
}
