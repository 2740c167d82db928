using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Reciproca.Web.Infrastructure.Jobs;

namespace Reciproca.Web.Infrastructure.Email;

public enum DeliveryStatus
{
    Queued,
    Sent,
    Failed,
}

/// <summary>
/// An e-mail waiting to be sent, written in the same transaction as the change it tells about (the outbox
/// pattern, ADR 0008): if the change is saved the message is too, and a failing mail server loses nothing.
/// </summary>
public sealed class OutboxMessage : ILeased
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    /// <summary>What the message is about ("Invitation", "AssessmentReminder"), for logs and HR views.</summary>
    public required string Kind { get; set; }

    public required string ToAddress { get; set; }

    public string? ToName { get; set; }

    public required string Subject { get; set; }

    public required string TextBody { get; set; }

    public required string HtmlBody { get; set; }

    public DateTime CreatedUtc { get; set; }

    public DateTime NextAttemptUtc { get; set; }

    /// <summary>Set while an instance sends it; another instance may take it over only after this moment.</summary>
    public DateTime? ClaimedUntilUtc { get; set; }

    public Guid? ClaimToken { get; set; }

    public string? ClaimedBy { get; set; }

    public int Attempts { get; set; }

    public string? LastError { get; set; }

    public DateTime? SentUtc { get; set; }

    /// <summary>Given up after <see cref="EmailOptions.MaxAttempts"/>.</summary>
    public DateTime? FailedUtc { get; set; }

    /// <summary>Alternatives (a calendar invite) and attachments beside the text and HTML bodies; usually none.</summary>
    public List<OutboxPart> Parts { get; set; } = [];

    public DeliveryStatus Status => SentUtc is not null ? DeliveryStatus.Sent : FailedUtc is not null ? DeliveryStatus.Failed : DeliveryStatus.Queued;
}

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> builder)
    {
        builder.ToTable("OutboxMessages");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Id).ValueGeneratedNever();
        builder.Property(m => m.Kind).HasMaxLength(50);
        builder.Property(m => m.ToAddress).HasMaxLength(320);
        builder.Property(m => m.ToName).HasMaxLength(300);
        builder.Property(m => m.Subject).HasMaxLength(500);
        builder.Property(m => m.LastError).HasMaxLength(2000);
        builder.Ignore(m => m.Status);
        // The dispatcher's question: what is unsent and due?
        builder.HasIndex(m => new { m.SentUtc, m.FailedUtc, m.NextAttemptUtc });
        builder.HasIndex(m => m.ClaimToken);
        builder.Property(m => m.ClaimedBy).HasMaxLength(InstanceIdentity.MaxLength);
        // Read at every start: the claims this instance held when it stopped.
        builder.HasIndex(m => m.ClaimedBy);
    }
}
