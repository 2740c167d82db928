using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Reciproca.Web.Infrastructure.Notifications;

/// <summary>How a person wants the e-mail of one kind of notice. In-app notifications are always written.</summary>
public enum EmailChoice
{
    /// <summary>An e-mail for every notice: the default.</summary>
    Immediately,

    /// <summary>One e-mail a day listing the notices of this kind (<see cref="NotificationDigest"/>).</summary>
    DailyDigest,

    /// <summary>No e-mail: the notification centre only.</summary>
    None,
}

/// <summary>
/// One person's choice for one kind. Kept by the preferences owner (<see cref="Addressee.PreferencesOwner"/>): the
/// person of the directory when the account is linked to one (or when there is no account yet: the choice is ready
/// when they get one), else the account (HR and sponsors outside the directory). Only choices other than
/// <see cref="EmailChoice.Immediately"/> are stored: no row is the default.
/// </summary>
public sealed class NotificationPreference
{
    public NoticeRecipientKind OwnerKind { get; set; }

    public Guid OwnerId { get; set; }

    public required string Kind { get; set; }

    public EmailChoice Email { get; set; }
}

internal sealed class NotificationPreferenceConfiguration : IEntityTypeConfiguration<NotificationPreference>
{
    public void Configure(EntityTypeBuilder<NotificationPreference> builder)
    {
        builder.ToTable("NotificationPreferences");
        builder.HasKey(p => new { p.OwnerKind, p.OwnerId, p.Kind });
        builder.Property(p => p.OwnerKind).HasConversion<string>().HasMaxLength(10);
        builder.Property(p => p.Kind).HasMaxLength(Notification.KindLength);
        builder.Property(p => p.Email).HasConversion<string>().HasMaxLength(20);
    }
}
