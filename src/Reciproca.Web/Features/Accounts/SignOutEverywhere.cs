using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Reciproca.Web.Infrastructure.Auth;
using Reciproca.Web.Infrastructure.Auth.Sessions;
using Reciproca.Web.Infrastructure.Data;
using Reciproca.Web.Infrastructure.Web;

namespace Reciproca.Web.Features.Accounts;

/// <summary>What an administrator's "sign out everywhere" ended.</summary>
public sealed record SignedOutEverywhere(Guid AccountId, int SessionsEnded, int TokensRevoked);

/// <summary>
/// The administrator's answer to a lost laptop or a leaked password: every session of the account ends on every
/// instance, and every API token is revoked, so nothing obtained before keeps working. The password stays; the owner
/// signs in again (and should change it).
/// </summary>
public sealed class SignOutEverywhereHandler(
    AppDbContext db,
    UserManager<AppUser> users,
    AccountSessions sessions,
    TimeProvider time,
    IStringLocalizer<SharedResource> localizer)
{
    public async Task<Result<SignedOutEverywhere>> HandleAsync(Guid accountId, Actor actor, CancellationToken cancellationToken)
    {
        if (!actor.IsAdministrator)
        {
            return Problem.Forbidden(localizer["Accounts.AdministratorsOnly"]);
        }

        var user = await users.FindByIdAsync(accountId.ToString());
        if (user is null)
        {
            return Problem.NotFound(localizer["Accounts.NotFound"]);
        }

        var ended = await sessions.EndAllAsync(user, cancellationToken: cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        var revoked = await db.ApiTokens
            .Where(t => t.UserId == user.Id && t.RevokedUtc == null)
            .ExecuteUpdateAsync(t => t.SetProperty(x => x.RevokedUtc, now), cancellationToken);
        return new SignedOutEverywhere(user.Id, ended, revoked);
    }
}
