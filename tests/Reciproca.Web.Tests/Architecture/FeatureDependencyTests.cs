using System.Text;

namespace Reciproca.Web.Tests.Architecture;

/// <summary>
/// No dependency loops between feature folders: a feature may use another's handler or query, but two features that
/// depend on each other are one feature in two folders. Computed from the compiled Reciproca.Web assembly, method
/// bodies included.
/// </summary>
public sealed class FeatureDependencyTests
{
    /// <summary>
    /// Loops tolerated for a while (each cycle named from its alphabetically first feature). Empty: the feature
    /// folders form no loop. Should one ever have to be listed, a listed loop that no longer exists fails the test too,
    /// so that the list only shrinks.
    /// </summary>
    private static HashSet<string> KnownLoops { get; } = new(StringComparer.Ordinal);

    [Fact]
    public void Feature_folders_have_no_dependency_loops_beyond_the_known_ones()
    {
        var edges = FeatureDependencies.Edges(typeof(Program).Assembly);
        var cycles = Cycles.Find(FeatureDependencies.Graph(edges.Values));

        var report = new StringBuilder();
        var found = new HashSet<string>(StringComparer.Ordinal);
        foreach (var cycle in cycles)
        {
            var name = Cycles.Describe(cycle);
            found.Add(name);
            if (!KnownLoops.Contains(name))
            {
                report.AppendLine($"New dependency loop {name}:");
                for (var i = 0; i < cycle.Count; i++)
                {
                    var edge = edges[(cycle[i], cycle[(i + 1) % cycle.Count])];
                    report.AppendLine($"  {edge.From} -> {edge.To}: e.g. {edge.Example}");
                }
            }
        }

        foreach (var gone in KnownLoops.Where(loop => !found.Contains(loop)).Order(StringComparer.Ordinal))
        {
            report.AppendLine($"The known loop {gone} no longer exists: remove it from KnownLoops.");
        }

        Assert.True(report.Length == 0, report.ToString());
    }

    [Fact]
    public void The_graph_is_read_from_the_features()
    {
        var edges = FeatureDependencies.Edges(typeof(Program).Assembly);

        // Matching uses the programme's access checks: an edge that a reader of the assembly cannot miss.
        Assert.Contains(("Matching", "Programmes"), edges.Keys);
        Assert.All(edges.Values, edge => Assert.NotEqual(edge.From, edge.To));
    }

    [Fact]
    public void Method_bodies_count_as_dependencies()
    {
        // Sample names Encoding nowhere but in the IL of its method.
        Assert.Contains(typeof(Encoding), FeatureDependencies.ReferencedTypes(typeof(Sample)));
        Assert.Contains(typeof(Sample), FeatureDependencies.ReferencedTypes(typeof(Sample.Nested)));
    }

    [Fact]
    public void The_cycle_finder_finds_every_elementary_cycle_once()
    {
        var graph = new Dictionary<string, IReadOnlySet<string>>
        {
            ["A"] = new HashSet<string> { "B" },
            ["B"] = new HashSet<string> { "A", "C" },
            ["C"] = new HashSet<string> { "D" },
            ["D"] = new HashSet<string> { "B", "E" },
            ["E"] = new HashSet<string>(),
            ["F"] = new HashSet<string> { "A", "F" },
        };

        var cycles = Cycles.Find(graph).Select(Cycles.Describe).ToList();

        Assert.Equal(["A -> B -> A", "B -> C -> D -> B", "F -> F"], cycles);
    }

    [Fact]
    public void A_graph_without_loops_has_no_cycles()
    {
        var graph = new Dictionary<string, IReadOnlySet<string>>
        {
            ["Matching"] = new HashSet<string> { "Programmes", "Pairs" },
            ["Pairs"] = new HashSet<string> { "Programmes" },
        };

        Assert.Empty(Cycles.Find(graph));
    }

    private static class Sample
    {
        public static int Count() => Encoding.UTF8.GetByteCount("reciproca");

        public sealed class Nested;
    }
}
