using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Reciproca.Web.Infrastructure.Auth;

public sealed class AppUser : IdentityUser<Guid>
{
    public AppUser()
    {
        Id = Guid.CreateVersion7();
        SecurityStamp = Guid.NewGuid().ToString();
    }

    /// <summary>The person this account belongs to, when it is a person of the organisation.</summary>
    public Guid? PersonId { get; set; }

    public string DisplayName { get; set; } = "";

    /// <summary>Set for a generated one-time password: the next sign-in must choose a new one.</summary>
    public bool MustChangePassword { get; set; }

    /// <summary>The text size the person chose for every page (a preference kept with the account, not the browser).</summary>
    public TextSize TextSize { get; set; } = TextSize.Standard;
}

/// <summary>How large every page's text is: the whole layout scales with it (Bootstrap sizes in rem).</summary>
public enum TextSize
{
    Standard,
    Large,
    Largest,
}

internal sealed class AppUserConfiguration : IEntityTypeConfiguration<AppUser>
{
    public void Configure(EntityTypeBuilder<AppUser> builder) =>
        builder.Property(u => u.TextSize).HasConversion<string>().HasMaxLength(10).HasDefaultValue(TextSize.Standard).HasSentinel(TextSize.Standard);
}

public sealed class AppRole : IdentityRole<Guid>
{
    public AppRole()
    {
        Id = Guid.CreateVersion7();
    }

    public AppRole(string name)
        : this()
    {
        Name = name;
        NormalizedName = name.ToUpperInvariant();
    }
}
