using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Reciproca.Web.Features.Programmes;

namespace Reciproca.Web.Features.Pairs;

/// <summary>The explicit states of a pair (PRODUCT.md, lifecycle steps 5-8).</summary>
public enum PairState
{
    Proposed,
    Accepted,
    Agreed,
    Active,
    Completed,
    Ended,
    Declined,
}

/// <summary>Which partner of a pair: who wrote a log, who gave a reflection, whose rating.</summary>
public enum PairSide
{
    DigitalMentor,
    ExperienceMentor,
}

/// <summary>Two participants matched for a programme: the digital mentor and the experience mentor.</summary>
public sealed class Pair
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid ProgrammeId { get; set; }

    public Guid RunId { get; set; }

    /// <summary>Person id of the digital mentor (usually the junior).</summary>
    public Guid DigitalMentorId { get; set; }

    /// <summary>Person id of the experience mentor (usually the senior).</summary>
    public Guid ExperienceMentorId { get; set; }

    public long Score { get; set; }

    public string Explanation { get; set; } = "{}";

    public PairState State { get; set; } = PairState.Proposed;

    public DateTime? DigitalMentorAcceptedUtc { get; set; }

    public DateTime? ExperienceMentorAcceptedUtc { get; set; }

    public string? EndReason { get; set; }

    public DateTime CreatedUtc { get; set; }

    public Guid Version { get; set; } = Guid.NewGuid();

    public bool IsOpen => IsOpenState(State);

    /// <summary>
    /// A pair is open until it is declined, ended or completed: its people are not in the matching pool, and it is
    /// the pair a participant's page shows first.
    /// </summary>
    public static bool IsOpenState(PairState state) => state is not (PairState.Declined or PairState.Ended or PairState.Completed);

    public bool Involves(Guid personId) => DigitalMentorId == personId || ExperienceMentorId == personId;
}

public static class PairQueries
{
    /// <summary>The open pairs, as a query the database runs: the same states as <see cref="Pair.IsOpenState"/>, beside it.</summary>
    public static IQueryable<Pair> Open(this IQueryable<Pair> pairs) =>
        pairs.Where(p => p.State != PairState.Declined && p.State != PairState.Ended && p.State != PairState.Completed);

    /// <summary>The pairs a person is in, on either side, as a query the database runs: <see cref="Pair.Involves"/>, beside it.</summary>
    public static IQueryable<Pair> Involving(this IQueryable<Pair> pairs, Guid personId) =>
        pairs.Where(p => p.DigitalMentorId == personId || p.ExperienceMentorId == personId);

    /// <summary>
    /// The caller's own pair in the programme, tracked; null when there is none or it is somebody else's, which for
    /// the caller does not exist.
    /// </summary>
    public static async Task<Pair?> OwnAsync(this DbSet<Pair> pairs, Guid programmeId, Guid pairId, Guid? personId, CancellationToken cancellationToken)
    {
        var pair = await pairs.SingleOrDefaultAsync(p => p.Id == pairId && p.ProgrammeId == programmeId, cancellationToken);
        return pair is not null && personId is { } id && pair.Involves(id) ? pair : null;
    }
}

/// <summary>Every change of a pair's state: who, when, from what to what, and why.</summary>
public sealed class PairEvent
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid PairId { get; set; }

    public DateTime AtUtc { get; set; }

    public Guid ByUserId { get; set; }

    public PairState? From { get; set; }

    public PairState To { get; set; }

    public string? Reason { get; set; }
}

internal sealed class PairConfiguration : IEntityTypeConfiguration<Pair>
{
    public void Configure(EntityTypeBuilder<Pair> builder)
    {
        builder.ToTable("Pairs");
        builder.HasKey(p => p.Id);
        builder.HasIndex(p => new { p.ProgrammeId, p.DigitalMentorId });
        builder.HasIndex(p => new { p.ProgrammeId, p.ExperienceMentorId });
        builder.Property(p => p.State).HasConversion<string>().HasMaxLength(20);
        builder.Property(p => p.Explanation).HasMaxLength(8000);
        builder.Property(p => p.EndReason).HasMaxLength(1000);
        builder.Property(p => p.Version).IsConcurrencyToken();
        builder.Ignore(p => p.IsOpen);
        builder.HasOne<Programme>().WithMany().HasForeignKey(p => p.ProgrammeId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class PairEventConfiguration : IEntityTypeConfiguration<PairEvent>
{
    public void Configure(EntityTypeBuilder<PairEvent> builder)
    {
        builder.ToTable("PairEvents");
        builder.HasKey(e => e.Id);
        builder.HasIndex(e => e.PairId);
        builder.Property(e => e.From).HasConversion<string>().HasMaxLength(20);
        builder.Property(e => e.To).HasConversion<string>().HasMaxLength(20);
        builder.Property(e => e.Reason).HasMaxLength(1000);
        builder.HasOne<Pair>().WithMany().HasForeignKey(e => e.PairId).OnDelete(DeleteBehavior.Cascade);
    }
}
