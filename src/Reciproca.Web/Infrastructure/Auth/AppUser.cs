using Microsoft.AspNetCore.Identity;

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
