using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Reciproca.Web.Infrastructure.Data;

namespace Reciproca.Web.Infrastructure.Auth.Sessions;

/// <summary>Ends an account's sessions on every instance: sign-out, a changed password, an administrator's decision.</summary>
public sealed class AccountSessions(AppDbContext db, UserManager<AppUser> users)
{
    /// <summary>
    /// Deletes every session of the account and changes its security stamp, so that a ticket restored from anywhere
    /// else (a backup of the table, an instance's cache) is refused at its next validation too. Returns how many ended.
    /// </summary>
    /// <param name="exceptKeyHash">A session to keep (the browser that changed the password), or none.</param>
    public async Task<int> EndAllAsync(AppUser user, string? exceptKeyHash = null, CancellationToken cancellationToken = default)
    {
        await users.UpdateSecurityStampAsync(user);
        return await db.UserSessions.Where(s => s.UserId == user.Id && s.KeyHash != exceptKeyHash).ExecuteDeleteAsync(cancellationToken);
    }

    public Task<int> CountAsync(Guid userId, CancellationToken cancellationToken = default) =>
        db.UserSessions.CountAsync(s => s.UserId == userId, cancellationToken);
}
