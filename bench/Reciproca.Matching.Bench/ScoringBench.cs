namespace Reciproca.Matching.Bench;

/// <summary>Placeholder until the scorer lands.</summary>
internal static class ScoringBench
{
    public static void Run(int repetitions) => _ = repetitions;
}
