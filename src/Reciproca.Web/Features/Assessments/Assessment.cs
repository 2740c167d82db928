using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Reciproca.Web.Features.Programmes;

namespace Reciproca.Web.Features.Assessments;

/// <summary>
/// A participant's self-assessment for one programme: DigComp levels, what they want to learn, the experience
/// topics they offer and want, languages and availability. Levels are rows (not a blob) so that outcomes can
/// compute the digital gap per competence in SQL.
/// </summary>
public sealed class Assessment
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid ParticipantId { get; set; }

    public List<AssessmentLevel> Levels { get; set; } = [];

    public List<string> WantedCompetences { get; set; } = [];

    public List<string> OfferedTopics { get; set; } = [];

    public List<string> WantedTopics { get; set; } = [];

    public List<string> Languages { get; set; } = [];

    public string Availability { get; set; } = "";

    /// <summary>When it was last submitted complete; null while it is a draft (which counts as not assessed anywhere).</summary>
    public DateTime? SubmittedUtc { get; set; }

    public AssessmentStatus Status => SubmittedUtc is null ? AssessmentStatus.Draft : AssessmentStatus.Submitted;

    public Guid Version { get; set; } = Guid.NewGuid();
}

public enum AssessmentStatus
{
    /// <summary>Saved to be finished later, or incomplete: not counted, not reminded as done, not matched.</summary>
    Draft,

    /// <summary>Complete and submitted: counts as assessed, and the person is in the matching pool.</summary>
    Submitted,
}

public sealed class AssessmentLevel
{
    public Guid AssessmentId { get; set; }

    public required string CompetenceId { get; set; }

    public int Level { get; set; }
}

internal sealed class AssessmentConfiguration : IEntityTypeConfiguration<Assessment>
{
    public void Configure(EntityTypeBuilder<Assessment> builder)
    {
        builder.ToTable("Assessments");
        builder.HasKey(a => a.Id);
        builder.HasIndex(a => a.ParticipantId).IsUnique();
        builder.Property(a => a.Availability).HasMaxLength(1000);
        builder.Property(a => a.Version).IsConcurrencyToken();
        builder.Ignore(a => a.Status);
        builder.HasOne<Participant>().WithMany().HasForeignKey(a => a.ParticipantId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(a => a.Levels).WithOne().HasForeignKey(l => l.AssessmentId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class AssessmentLevelConfiguration : IEntityTypeConfiguration<AssessmentLevel>
{
    public void Configure(EntityTypeBuilder<AssessmentLevel> builder)
    {
        builder.ToTable("AssessmentLevels");
        builder.HasKey(l => new { l.AssessmentId, l.CompetenceId });
        builder.Property(l => l.CompetenceId).HasMaxLength(10);
        builder.ToTable(t => t.HasCheckConstraint("CK_AssessmentLevels_Level", "\"Level\" BETWEEN 1 AND 8"));
    }
}
