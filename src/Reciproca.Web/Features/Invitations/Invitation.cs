using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Reciproca.Web.Features.Programmes;

namespace Reciproca.Web.Features.Invitations;

public enum InvitationStatus
{
    Pending,
    Accepted,
    Expired,
    Revoked,
}

/// <summary>
/// A link sent by e-mail that lets a person join a programme, creating their account if they have none. Only the
/// SHA-256 hash of the link's token is stored; resending issues a new token and the old link stops working.
/// </summary>
public sealed class Invitation
{
    public static readonly TimeSpan Validity = TimeSpan.FromDays(14);

    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid ProgrammeId { get; set; }

    /// <summary>Lower-case.</summary>
    public required string Email { get; set; }

    /// <summary>The person of the directory with this e-mail, when there is one; otherwise set on acceptance.</summary>
    public Guid? PersonId { get; set; }

    public string TokenHash { get; set; } = "";

    /// <summary>HR's own words, added to the e-mail.</summary>
    public string? Note { get; set; }

    public Guid InvitedByUserId { get; set; }

    public DateTime CreatedUtc { get; set; }

    public DateTime SentUtc { get; set; }

    public DateTime ExpiresUtc { get; set; }

    public int SendCount { get; set; }

    /// <summary>The outbox message of the latest sending: HR sees whether it left.</summary>
    public Guid? MessageId { get; set; }

    public DateTime? AcceptedUtc { get; set; }

    public DateTime? RevokedUtc { get; set; }

    /// <summary>Optimistic concurrency: HR resending or revoking while the person accepts; one wins, the other is told.</summary>
    public Guid Version { get; set; } = Guid.NewGuid();

    public InvitationStatus StatusAt(DateTime nowUtc) =>
        AcceptedUtc is not null ? InvitationStatus.Accepted
        : RevokedUtc is not null ? InvitationStatus.Revoked
        : ExpiresUtc <= nowUtc ? InvitationStatus.Expired
        : InvitationStatus.Pending;
}

internal sealed class InvitationConfiguration : IEntityTypeConfiguration<Invitation>
{
    public void Configure(EntityTypeBuilder<Invitation> builder)
    {
        builder.ToTable("Invitations");
        builder.HasKey(i => i.Id);
        builder.Property(i => i.Id).ValueGeneratedNever();
        builder.Property(i => i.Email).HasMaxLength(320);
        builder.Property(i => i.TokenHash).HasMaxLength(64);
        builder.Property(i => i.Note).HasMaxLength(2000);
        builder.HasIndex(i => i.TokenHash).IsUnique();
        builder.Property(i => i.Version).IsConcurrencyToken();
        builder.HasIndex(i => new { i.ProgrammeId, i.Email });
        builder.HasOne<Programme>().WithMany().HasForeignKey(i => i.ProgrammeId).OnDelete(DeleteBehavior.Cascade);
    }
}
