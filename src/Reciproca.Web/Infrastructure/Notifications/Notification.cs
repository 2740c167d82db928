using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Reciproca.Web.Infrastructure.Notifications;

/// <summary>
/// One notice in the recipient's notification centre, written by <see cref="InAppChannel"/> in the caller's unit of
/// work. Its texts are rendered once, at delivery, in the recipient's language (the e-mail's subject and paragraphs),
/// so that it reads the same as the e-mail did. A person without an account gets rows by person id: they see them once
/// an account is linked to them.
/// </summary>
public sealed class Notification
{
    public const int KindLength = 50;
    public const int TitleLength = 500;
    public const int BodyLength = 4000;
    public const int LinkLength = 1000;

    public Guid Id { get; set; } = Guid.CreateVersion7();

    public NoticeRecipientKind RecipientKind { get; set; }

    public Guid RecipientId { get; set; }

    public required string Kind { get; set; }

    public required string Title { get; set; }

    public required string Body { get; set; }

    /// <summary>Where the notice leads: a path of the application (<c>/Programmes/Pair/…</c>), never an absolute address.</summary>
    public string? LinkUrl { get; set; }

    public DateTime CreatedUtc { get; set; }

    public DateTime? ReadUtc { get; set; }

    /// <summary>Whether the e-mail of this notice waits for the daily digest (the recipient's choice when it was delivered).</summary>
    public bool Digest { get; set; }

    /// <summary>When the daily digest listed it; null while it waits (or when it never waits: <see cref="Digest"/> false).</summary>
    public DateTime? DigestedUtc { get; set; }

    /// <summary>The digest run that took it: the rows one run claimed, read back after its conditional update.</summary>
    public Guid? DigestId { get; set; }

    /// <summary>A path of this application only: an absolute or protocol-relative address would lead elsewhere.</summary>
    public static bool IsAppPath(string? link) =>
        link is { Length: > 0 and <= LinkLength } && link[0] == '/' && !link.StartsWith("//", StringComparison.Ordinal) && !link.StartsWith("/\\", StringComparison.Ordinal);
}

internal sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> builder)
    {
        builder.ToTable("Notifications");
        builder.HasKey(n => n.Id);
        builder.Property(n => n.Id).ValueGeneratedNever();
        builder.Property(n => n.RecipientKind).HasConversion<string>().HasMaxLength(10);
        builder.Property(n => n.Kind).HasMaxLength(Notification.KindLength);
        builder.Property(n => n.Title).HasMaxLength(Notification.TitleLength);
        builder.Property(n => n.Body).HasMaxLength(Notification.BodyLength);
        builder.Property(n => n.LinkUrl).HasMaxLength(Notification.LinkLength);
        // The centre's question: a recipient's notifications, newest first (and the unread count of the bell).
        builder.HasIndex(n => new { n.RecipientKind, n.RecipientId, n.CreatedUtc });
        // The digest's question: what waits for it?
        builder.HasIndex(n => new { n.Digest, n.DigestedUtc });
        builder.HasIndex(n => n.DigestId);
    }
}
