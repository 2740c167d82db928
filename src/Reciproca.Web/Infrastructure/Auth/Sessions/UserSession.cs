using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Reciproca.Web.Infrastructure.Auth.Sessions;

/// <summary>
/// One signed-in browser. The cookie carries only a random session key; the ticket lives here, so that signing
/// out, changing the password or an administrator's "sign out everywhere" ends the session on every instance at
/// once: a copied cookie is worthless after that. Only the key's SHA-256 hash is stored, as for API tokens.
/// </summary>
public sealed class UserSession
{
    public required string KeyHash { get; set; }

    public Guid UserId { get; set; }

    public DateTime CreatedUtc { get; set; }

    /// <summary>When the sliding window ends unless the browser comes back; the absolute end is <see cref="CreatedUtc"/> plus the configured lifetime.</summary>
    public DateTime ExpiresUtc { get; set; }

    /// <summary>The serialized authentication ticket (claims and properties).</summary>
    public required byte[] Ticket { get; set; }
}

internal sealed class UserSessionConfiguration : IEntityTypeConfiguration<UserSession>
{
    public void Configure(EntityTypeBuilder<UserSession> builder)
    {
        builder.ToTable("UserSessions");
        builder.HasKey(s => s.KeyHash);
        builder.Property(s => s.KeyHash).HasMaxLength(64);
        builder.HasIndex(s => s.UserId);
        builder.HasIndex(s => s.ExpiresUtc);
        builder.HasOne<AppUser>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
