using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Reciproca.Web.Infrastructure.Auth;

/// <summary>Adds the claims the UI needs on every request without a database round trip.</summary>
public sealed class AppClaimsPrincipalFactory(
    UserManager<AppUser> userManager,
    RoleManager<AppRole> roleManager,
    IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<AppUser, AppRole>(userManager, roleManager, options)
{
    public const string MustChangePasswordClaim = "reciproca:must_change_password";
    public const string DisplayNameClaim = "reciproca:display_name";
    public const string PersonIdClaim = "reciproca:person_id";
    public const string TextSizeClaim = "reciproca:text_size";

    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AppUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(DisplayNameClaim, string.IsNullOrEmpty(user.DisplayName) ? user.UserName ?? "" : user.DisplayName));
        if (user.PersonId is { } personId)
        {
            identity.AddClaim(new Claim(PersonIdClaim, personId.ToString()));
        }

        if (user.TextSize != TextSize.Standard)
        {
            identity.AddClaim(new Claim(TextSizeClaim, user.TextSize.ToString()));
        }

        if (user.MustChangePassword)
        {
            identity.AddClaim(new Claim(MustChangePasswordClaim, "true"));
        }

        return identity;
    }
}
