using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Reciproca.Web.Features.Pairs;

namespace Reciproca.Web.Features.PairHealth;

/// <summary>A private note of the programme's HR about a pair (a call, what was agreed). Never shown to the partners.</summary>
public sealed class PairCheckIn
{
    public const int TextLength = 2000;

    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid PairId { get; set; }

    /// <summary>The account (not person) that wrote it: HR users need not be in the directory.</summary>
    public Guid AuthorUserId { get; set; }

    public required string Text { get; set; }

    public DateTime CreatedUtc { get; set; }
}

/// <summary>HR marked the pair as followed up (one row per pair, present while the mark is on).</summary>
public sealed class PairFollowUp
{
    public Guid PairId { get; set; }

    public Guid ByUserId { get; set; }

    public DateTime AtUtc { get; set; }
}

internal sealed class PairCheckInConfiguration : IEntityTypeConfiguration<PairCheckIn>
{
    public void Configure(EntityTypeBuilder<PairCheckIn> builder)
    {
        builder.ToTable("PairCheckIns");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.HasIndex(c => new { c.PairId, c.CreatedUtc });
        builder.Property(c => c.Text).HasMaxLength(PairCheckIn.TextLength);
        builder.HasOne<Pair>().WithMany().HasForeignKey(c => c.PairId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class PairFollowUpConfiguration : IEntityTypeConfiguration<PairFollowUp>
{
    public void Configure(EntityTypeBuilder<PairFollowUp> builder)
    {
        builder.ToTable("PairFollowUps");
        builder.HasKey(f => f.PairId);
        builder.Property(f => f.PairId).ValueGeneratedNever();
        builder.HasOne<Pair>().WithMany().HasForeignKey(f => f.PairId).OnDelete(DeleteBehavior.Cascade);
    }
}
