using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Reciproca.Web.Infrastructure.Jobs;

namespace Reciproca.Web.Infrastructure.DueWork;

public enum DueOutcome
{
    /// <summary>Its notices were queued (in the same transaction that recorded this outcome).</summary>
    Sent,

    /// <summary>No longer needed when it came due (the partner already logged, the reminder is not wanted).</summary>
    Skipped,

    /// <summary>Given up after <see cref="DueWorkProcessor.MaxAttempts"/> failed attempts.</summary>
    Failed,
}

/// <summary>
/// Something to tell somebody at a given moment (a reminder before a session, a nudge to log it, an alert to HR),
/// written in the same transaction as the change that causes it and claimed with a lease when it is due, so that one
/// instance among several handles it, once (ADR 0020). <see cref="Kind"/> chooses the <see cref="IDueWorkHandler"/>
/// that turns it into notices; <see cref="SubjectId"/> is what it is about (a session, a pair) and
/// <see cref="Episode"/> tells apart two alerts about the same subject (the scan that finds a quiet pair writes one row
/// per quiet spell, not one per scan).
/// </summary>
public sealed class DueItem : ILeased
{
    public const int KindLength = 50;
    public const int EpisodeLength = 100;

    public Guid Id { get; set; } = Guid.CreateVersion7();

    public required string Kind { get; set; }

    public Guid SubjectId { get; set; }

    /// <summary>The person (or HR account) it is for; what the handler needs to address the notice.</summary>
    public Guid RecipientId { get; set; }

    public string Episode { get; set; } = "";

    public DateTime DueUtc { get; set; }

    public DateTime CreatedUtc { get; set; }

    public DateTime? ClaimedUntilUtc { get; set; }

    public Guid? ClaimToken { get; set; }

    public string? ClaimedBy { get; set; }

    public int Attempts { get; set; }

    public string? LastError { get; set; }

    /// <summary>When it was handled; null while it waits.</summary>
    public DateTime? DoneUtc { get; set; }

    public DueOutcome? Outcome { get; set; }

    /// <summary>Which instance handled it (for operators reading the table after an incident).</summary>
    public string? DoneBy { get; set; }
}

internal sealed class DueItemConfiguration : IEntityTypeConfiguration<DueItem>
{
    public void Configure(EntityTypeBuilder<DueItem> builder)
    {
        builder.ToTable("DueItems");
        builder.HasKey(d => d.Id);
        builder.Property(d => d.Id).ValueGeneratedNever();
        builder.Property(d => d.Kind).HasMaxLength(DueItem.KindLength);
        builder.Property(d => d.Episode).HasMaxLength(DueItem.EpisodeLength);
        builder.Property(d => d.LastError).HasMaxLength(2000);
        builder.Property(d => d.ClaimedBy).HasMaxLength(InstanceIdentity.MaxLength);
        builder.Property(d => d.DoneBy).HasMaxLength(InstanceIdentity.MaxLength);
        builder.Property(d => d.Outcome).HasConversion<string>().HasMaxLength(10);
        // Recording the outcome checks that the claim is still this instance's: if the lease ran out and another
        // instance took the item over, the save fails and its notices are rolled back with it.
        builder.Property(d => d.ClaimToken).IsConcurrencyToken();
        // One row per thing to tell: a scan that runs twice (or on two instances) inserts nothing the second time.
        builder.HasIndex(d => new { d.Kind, d.SubjectId, d.RecipientId, d.Episode }).IsUnique();
        // The processor's question: what is waiting and due?
        builder.HasIndex(d => new { d.DoneUtc, d.DueUtc });
        builder.HasIndex(d => d.ClaimedBy);
        builder.HasIndex(d => d.SubjectId);
    }
}
