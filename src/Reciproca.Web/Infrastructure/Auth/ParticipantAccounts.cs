using Microsoft.AspNetCore.Identity;

namespace Reciproca.Web.Infrastructure.Auth;

/// <summary>The account a person of the directory sets up for themselves (an invitation, a first-access link).</summary>
public static class ParticipantAccounts
{
    /// <summary>
    /// Creates the participant's account, signing in with <paramref name="email"/> (proved by the link that led here) and
    /// linked to the person; the password passes the policy or nothing is created.
    /// </summary>
    public static async Task<(AppUser? Account, IdentityResult Result)> CreateParticipantAsync(this UserManager<AppUser> users, string email, string displayName, Guid personId, string password)
    {
        var account = new AppUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = displayName, PersonId = personId };
        var created = await users.CreateAsync(account, password);
        if (!created.Succeeded)
        {
            return (null, created);
        }

        var role = await users.AddToRoleAsync(account, Roles.Participant);
        if (!role.Succeeded)
        {
            throw new InvalidOperationException(string.Join("; ", role.Errors.Select(e => e.Description)));
        }

        return (account, created);
    }
}
