using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Reciproca.Web.Features.Programmes;

namespace Reciproca.Web.Features.Matching;

/// <summary>
/// One run of the matching engine for a programme: a draft HR reviews (locks, exclusions, re-runs) and may publish.
/// The proposals are kept as the engine produced them, with the exact integer scores it optimised.
/// </summary>
public sealed class MatchingRun
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid ProgrammeId { get; set; }

    public DateTime CreatedUtc { get; set; }

    public Guid CreatedBy { get; set; }

    /// <summary>The optimum: the sum of the proposed pairs' scores.</summary>
    public long Objective { get; set; }

    /// <summary>Whether the solver's dual certificate proved the assignment optimal.</summary>
    public bool Verified { get; set; }

    public DateTime? PublishedUtc { get; set; }

    /// <summary>How the pairs were chosen: the optimum, or stable matching on participants' rankings.</summary>
    public MatchingMode Mode { get; set; } = MatchingMode.Optimal;

    /// <summary>In a stable run, the pairs (a person and a partner each prefers to what the draft gives them) that would break it; locks included.</summary>
    public int? BlockingPairs { get; set; }

    public List<RunProposal> Proposals { get; set; } = [];

    public List<RunUnmatched> Unmatched { get; set; } = [];
}

public sealed class RunProposal
{
    public Guid RunId { get; set; }

    public Guid DigitalMentorId { get; set; }

    public Guid ExperienceMentorId { get; set; }

    public long Score { get; set; }

    public bool Locked { get; set; }

    /// <summary>The engine's explanation as JSON (contribution keys and rule codes; the UI localises them).</summary>
    public string Explanation { get; set; } = "{}";
}

public sealed class RunUnmatched
{
    public Guid RunId { get; set; }

    public Guid PersonId { get; set; }

    public required string Side { get; set; }

    public required string Reason { get; set; }
}

public enum ConstraintKind
{
    Lock,
    Exclude,
}

/// <summary>HR's decision about one pair, kept across re-runs: always propose it (lock) or never (exclude).</summary>
public sealed class MatchingConstraint
{
    public Guid ProgrammeId { get; set; }

    public Guid DigitalMentorId { get; set; }

    public Guid ExperienceMentorId { get; set; }

    public ConstraintKind Kind { get; set; }

    public DateTime CreatedUtc { get; set; }
}

internal sealed class MatchingRunConfiguration : IEntityTypeConfiguration<MatchingRun>
{
    public void Configure(EntityTypeBuilder<MatchingRun> builder)
    {
        builder.ToTable("MatchingRuns");
        builder.HasKey(r => r.Id);
        builder.HasIndex(r => new { r.ProgrammeId, r.CreatedUtc });
        builder.Property(r => r.Mode).HasConversion<string>().HasMaxLength(20);
        builder.HasOne<Programme>().WithMany().HasForeignKey(r => r.ProgrammeId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(r => r.Proposals).WithOne().HasForeignKey(p => p.RunId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(r => r.Unmatched).WithOne().HasForeignKey(u => u.RunId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class RunProposalConfiguration : IEntityTypeConfiguration<RunProposal>
{
    public void Configure(EntityTypeBuilder<RunProposal> builder)
    {
        builder.ToTable("MatchingRunProposals");
        builder.HasKey(p => new { p.RunId, p.DigitalMentorId, p.ExperienceMentorId });
        builder.Property(p => p.Explanation).HasMaxLength(8000);
    }
}

internal sealed class RunUnmatchedConfiguration : IEntityTypeConfiguration<RunUnmatched>
{
    public void Configure(EntityTypeBuilder<RunUnmatched> builder)
    {
        builder.ToTable("MatchingRunUnmatched");
        builder.HasKey(u => new { u.RunId, u.PersonId });
        builder.Property(u => u.Side).HasMaxLength(20);
        builder.Property(u => u.Reason).HasMaxLength(40);
    }
}

internal sealed class MatchingConstraintConfiguration : IEntityTypeConfiguration<MatchingConstraint>
{
    public void Configure(EntityTypeBuilder<MatchingConstraint> builder)
    {
        builder.ToTable("MatchingConstraints");
        builder.HasKey(c => new { c.ProgrammeId, c.DigitalMentorId, c.ExperienceMentorId });
        builder.Property(c => c.Kind).HasConversion<string>().HasMaxLength(10);
        builder.HasOne<Programme>().WithMany().HasForeignKey(c => c.ProgrammeId).OnDelete(DeleteBehavior.Cascade);
    }
}
