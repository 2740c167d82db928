using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Reciproca.Web.Features.Pairs;

/// <summary>Who learns in a goal: the digital mentor learns experience, the experience mentor learns digital.</summary>
public enum GoalDirection
{
    /// <summary>What the experience mentor learns from the digital mentor (tagged with DigComp competences).</summary>
    DigitalToExperience,

    /// <summary>What the digital mentor learns from the experience mentor (tagged with experience topics).</summary>
    ExperienceToDigital,
}

/// <summary>
/// The reciprocity pact a pair writes together: at least one goal each way, a cadence, the confidentiality charter,
/// two signatures. Editing a signed pact starts a new version that both sign again; earlier versions are kept.
/// </summary>
public sealed class Pact
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid PairId { get; set; }

    /// <summary>1 for the first text; each edit of a signed pact adds one.</summary>
    public int Number { get; set; } = 1;

    public List<PactGoal> Goals { get; set; } = [];

    public int CadenceSessions { get; set; } = 6;

    public int CadenceWeeks { get; set; } = 12;

    public bool ConfidentialityAccepted { get; set; }

    public DateTime? DigitalMentorSignedUtc { get; set; }

    public DateTime? ExperienceMentorSignedUtc { get; set; }

    public DateTime UpdatedUtc { get; set; }

    public Guid UpdatedBy { get; set; }

    public Guid Version { get; set; } = Guid.NewGuid();

    public bool FullySigned => DigitalMentorSignedUtc is not null && ExperienceMentorSignedUtc is not null;
}

public sealed class PactGoal
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid PactId { get; set; }

    public GoalDirection Direction { get; set; }

    public required string Text { get; set; }

    /// <summary>DigComp competence ids or experience topic keys.</summary>
    public List<string> Tags { get; set; } = [];

    /// <summary>What "achieved" looks like, in the pair's words.</summary>
    public string Target { get; set; } = "";
}

/// <summary>A signed version of a pact that was later edited: kept as it was signed.</summary>
public sealed class PactRevision
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid PactId { get; set; }

    public int Number { get; set; }

    /// <summary>The pact's content as JSON, as it was when signed.</summary>
    public required string Content { get; set; }

    public DateTime? DigitalMentorSignedUtc { get; set; }

    public DateTime? ExperienceMentorSignedUtc { get; set; }

    public DateTime SupersededUtc { get; set; }
}

internal sealed class PactConfiguration : IEntityTypeConfiguration<Pact>
{
    public void Configure(EntityTypeBuilder<Pact> builder)
    {
        builder.ToTable("Pacts");
        builder.HasKey(p => p.Id);
        builder.HasIndex(p => p.PairId).IsUnique();
        builder.Property(p => p.Version).IsConcurrencyToken();
        builder.Ignore(p => p.FullySigned);
        builder.HasOne<Pair>().WithMany().HasForeignKey(p => p.PairId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(p => p.Goals).WithOne().HasForeignKey(g => g.PactId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class PactGoalConfiguration : IEntityTypeConfiguration<PactGoal>
{
    public void Configure(EntityTypeBuilder<PactGoal> builder)
    {
        builder.ToTable("PactGoals");
        builder.HasKey(g => g.Id);
        // Ids are made in the application; a goal with an id is still a new goal.
        builder.Property(g => g.Id).ValueGeneratedNever();
        builder.Property(g => g.Direction).HasConversion<string>().HasMaxLength(30);
        builder.Property(g => g.Text).HasMaxLength(1000);
        builder.Property(g => g.Target).HasMaxLength(500);
    }
}

internal sealed class PactRevisionConfiguration : IEntityTypeConfiguration<PactRevision>
{
    public void Configure(EntityTypeBuilder<PactRevision> builder)
    {
        builder.ToTable("PactRevisions");
        builder.HasKey(r => r.Id);
        builder.HasIndex(r => new { r.PactId, r.Number }).IsUnique();
        builder.HasOne<Pact>().WithMany().HasForeignKey(r => r.PactId).OnDelete(DeleteBehavior.Cascade);
    }
}
