using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Reciproca.Web.Infrastructure.Auth.SignIn;

/// <summary>
/// Failed sign-ins of one account from one client address. Throttling the pair, not the account, is what keeps
/// lockout from being a weapon: anyone can fail on the administrator's name from their own desk, but that slows
/// down only their desk, and the administrator still signs in from hers.
/// </summary>
public sealed class SignInThrottle
{
    /// <summary>SHA-256 of the normalised user name and the client address: the table holds no names or addresses.</summary>
    public required string Key { get; set; }

    public int Failures { get; set; }

    public DateTime LastFailureUtc { get; set; }

    public DateTime? BlockedUntilUtc { get; set; }
}

internal sealed class SignInThrottleConfiguration : IEntityTypeConfiguration<SignInThrottle>
{
    public void Configure(EntityTypeBuilder<SignInThrottle> builder)
    {
        builder.ToTable("SignInThrottles");
        builder.HasKey(t => t.Key);
        builder.Property(t => t.Key).HasMaxLength(64);
        builder.HasIndex(t => t.LastFailureUtc);
    }
}
