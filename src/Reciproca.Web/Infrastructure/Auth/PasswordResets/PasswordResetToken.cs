using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Reciproca.Web.Infrastructure.Auth.PasswordResets;

public enum PasswordLinkPurpose
{
    /// <summary>Nothing was sent: the address is nobody's, or its account is deactivated. Kept to count requests.</summary>
    None,

    /// <summary>Choose a new password for an existing account.</summary>
    Reset,

    /// <summary>A person of the directory without an account chooses a password: the account is created then.</summary>
    FirstAccess,
}

/// <summary>
/// One request for a link that chooses a password (ADR 0015). Only the SHA-256 hashes of the link's token and of the
/// address asked for are stored. Every request is a row, also for an address that is nobody's: the rows count the
/// requests per address (the throttle against mail-bombing), and the answer costs the same work whoever asks.
/// </summary>
public sealed class PasswordResetToken
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public PasswordLinkPurpose Purpose { get; set; }

    /// <summary>SHA-256 of the lower-case address asked for.</summary>
    public required string AddressHash { get; set; }

    public required string TokenHash { get; set; }

    /// <summary>The account whose password a <see cref="PasswordLinkPurpose.Reset"/> link chooses.</summary>
    public Guid? UserId { get; set; }

    /// <summary>The person a <see cref="PasswordLinkPurpose.FirstAccess"/> link creates the account of.</summary>
    public Guid? PersonId { get; set; }

    public DateTime CreatedUtc { get; set; }

    public DateTime ExpiresUtc { get; set; }

    /// <summary>Set when the link was used, or when another link of the same account was: every link works once.</summary>
    public DateTime? UsedUtc { get; set; }
}

/// <summary>How long the links work and how many an address receives (section <c>PasswordReset</c>).</summary>
public sealed class PasswordResetOptions
{
    public const string Section = "PasswordReset";

    /// <summary>The window <see cref="MailsPerAddressPerHour"/> counts in.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromHours(1);

    /// <summary>A reset link is a key to an existing account: short-lived.</summary>
    public TimeSpan ResetValidity { get; set; } = TimeSpan.FromHours(1);

    /// <summary>A first-access link opens no existing data; a day lets a person ask in the evening and set up in the morning.</summary>
    public TimeSpan FirstAccessValidity { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Requests beyond this within an hour, per address, send nothing (and say nothing different).</summary>
    public int MailsPerAddressPerHour { get; set; } = 3;
}

internal sealed class PasswordResetTokenConfiguration : IEntityTypeConfiguration<PasswordResetToken>
{
    public void Configure(EntityTypeBuilder<PasswordResetToken> builder)
    {
        builder.ToTable("PasswordResetTokens");
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Id).ValueGeneratedNever();
        builder.Property(t => t.Purpose).HasConversion<string>().HasMaxLength(20);
        builder.Property(t => t.AddressHash).HasMaxLength(64);
        builder.Property(t => t.TokenHash).HasMaxLength(64);
        builder.HasIndex(t => t.TokenHash).IsUnique();
        builder.HasIndex(t => new { t.AddressHash, t.CreatedUtc });
        builder.HasIndex(t => t.ExpiresUtc);
        builder.HasOne<AppUser>().WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
