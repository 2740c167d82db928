using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Reciproca.Web.Infrastructure.Auth;
using Reciproca.Web.Infrastructure.Auth.Passwords;
using Reciproca.Web.Infrastructure.Auth.Sessions;
using Reciproca.Web.Infrastructure.Data;
using Reciproca.Web.Infrastructure.Web;
using Reciproca.Web.Infrastructure.Web.Api;

namespace Reciproca.Web.Features.Accounts;

/// <summary>A sign-in account as administrators see it.</summary>
public sealed record AccountView(Guid Id, string UserName, string DisplayName, Guid? PersonId, string? PersonName, IReadOnlyList<string> Roles, bool IsActive, bool MustChangePassword);

/// <summary>A new account; <paramref name="UserName"/> is the e-mail address it signs in with.</summary>
public sealed record CreateAccount(string UserName, string DisplayName, IReadOnlyList<string> Roles, Guid? PersonId);

/// <summary>The account as created, with the one-time password to hand over (shown once; replaced at first sign-in).</summary>
public sealed record CreatedAccount(AccountView Account, string OneTimePassword);

public sealed record SetRoles(IReadOnlyList<string> Roles);

/// <summary>The person of the directory the account belongs to; <c>null</c> unlinks it.</summary>
public sealed record LinkPerson(Guid? PersonId);

/// <summary>What an administrator's "sign out everywhere" ended.</summary>
public sealed record SignedOutEverywhere(Guid AccountId, int SessionsEnded, int TokensRevoked);

/// <summary>
/// Administrators manage sign-in accounts: a fresh installation has only its first administrator, who creates the HR
/// users here. Every change is refused that would leave the installation without an active administrator.
/// </summary>
public sealed class AccountHandlers(
    AppDbContext db,
    UserManager<AppUser> users,
    AccountSessions sessions,
    TimeProvider time,
    IStringLocalizer<SharedResource> localizer)
{
    public async Task<Result<PagedList<AccountView>>> ListAsync(string? search, PageRequest page, Actor actor, CancellationToken cancellationToken)
    {
        if (!actor.IsAdministrator)
        {
            return Problem.Forbidden(localizer["Accounts.AdministratorsOnly"]);
        }

        var query = db.Users.AsNoTracking();
        if (search?.Trim() is { Length: > 0 } text)
        {
            var normalized = text.ToUpperInvariant();
            query = query.Where(u => u.NormalizedUserName!.Contains(normalized) || u.DisplayName.Contains(text));
        }

        var listed = await query.OrderBy(u => u.NormalizedUserName).ToPagedListAsync(page, cancellationToken);
        var ids = listed.Items.Select(u => u.Id).ToList();
        var roles = await (from link in db.UserRoles
                           join role in db.Roles on link.RoleId equals role.Id
                           where ids.Contains(link.UserId)
                           select new { link.UserId, role.Name }).ToListAsync(cancellationToken);
        var personIds = listed.Items.Where(u => u.PersonId is not null).Select(u => u.PersonId!.Value).ToList();
        var names = await db.People.AsNoTracking().Where(p => personIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.DisplayName, cancellationToken);
        var now = time.GetUtcNow();
        return new PagedList<AccountView>(listed.Total, listed.Page, listed.PageSize, [.. listed.Items.Select(u => View(u, roles.Where(r => r.UserId == u.Id).Select(r => r.Name!), now, u.PersonId is { } id ? names.GetValueOrDefault(id) : null))]);
    }

    /// <summary>
    /// Links the account to a person of the directory (their participant pages, their pair) or unlinks it. A person
    /// has one account; the account's sessions end, since what it may see has changed.
    /// </summary>
    public async Task<Result<AccountView>> LinkPersonAsync(Guid id, LinkPerson command, Actor actor, CancellationToken cancellationToken)
    {
        var (user, problem) = await FindAsync(id, actor);
        if (problem is not null)
        {
            return problem;
        }

        string? personName = null;
        if (command.PersonId is { } personId)
        {
            personName = await db.People.Where(p => p.Id == personId).Select(p => p.DisplayName).SingleOrDefaultAsync(cancellationToken);
            if (personName is null)
            {
                return Problem.Validation("personId", localizer["Accounts.PersonNotFound"]);
            }

            if (await db.Users.Where(u => u.PersonId == personId && u.Id != id).Select(u => u.UserName).FirstOrDefaultAsync(cancellationToken) is { } other)
            {
                return Problem.Conflict(localizer["Accounts.PersonTaken", personName, other]);
            }
        }

        if (user!.PersonId != command.PersonId)
        {
            user.PersonId = command.PersonId;
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await users.UpdateAsync(user);
            await users.UpdateSecurityStampAsync(user);
            await sessions.EndAllAsync(user, cancellationToken: cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        return View(user, await users.GetRolesAsync(user), time.GetUtcNow(), personName);
    }

    /// <summary>The person an administrator means by an employee number or an e-mail address (exact), if any.</summary>
    public async Task<(Guid Id, string Name)?> FindPersonAsync(string? employeeNumberOrEmail, CancellationToken cancellationToken)
    {
        var text = employeeNumberOrEmail?.Trim() ?? "";
        if (text.Length is 0 or > 320)
        {
            return null;
        }

        var lower = text.ToLowerInvariant();
        var found = await db.People.AsNoTracking()
            .Where(p => p.ExternalId == text || p.Email == lower || p.Email == text)
            .Select(p => new { p.Id, p.DisplayName })
            .Take(2)
            .ToListAsync(cancellationToken);
        return found is [var one] ? (one.Id, one.DisplayName) : null;
    }

    public async Task<Result<CreatedAccount>> CreateAsync(CreateAccount command, Actor actor, CancellationToken cancellationToken)
    {
        if (!actor.IsAdministrator)
        {
            return Problem.Forbidden(localizer["Accounts.AdministratorsOnly"]);
        }

        var errors = new Dictionary<string, string[]>();
        var userName = command.UserName?.Trim() ?? "";
        if (userName.Length is 0 or > 256 || !System.Net.Mail.MailAddress.TryCreate(userName, out var address) || address.Address != userName)
        {
            errors["userName"] = [localizer["Accounts.UserNameInvalid"]];
        }
        else if (await users.FindByNameAsync(userName) is not null)
        {
            errors["userName"] = [localizer["Accounts.UserNameTaken"]];
        }

        var displayName = command.DisplayName?.Trim() ?? "";
        if (displayName.Length is 0 or > 200 || InputText.FirstRefused(displayName) >= 0)
        {
            errors["displayName"] = [localizer["Accounts.DisplayNameInvalid"]];
        }

        if (RolesProblem(command.Roles) is { } rolesProblem)
        {
            errors["roles"] = [rolesProblem];
        }

        if (command.PersonId is { } personId)
        {
            if (!await db.People.AnyAsync(p => p.Id == personId, cancellationToken))
            {
                errors["personId"] = [localizer["Accounts.PersonNotFound"]];
            }
            else if (await db.Users.AnyAsync(u => u.PersonId == personId, cancellationToken))
            {
                errors["personId"] = [localizer["Accounts.PersonHasAccount"]];
            }
        }

        if (errors.Count > 0)
        {
            return Problem.Validation(errors);
        }

        var password = OneTimePasswords.Generate();
        var user = new AppUser { UserName = userName, Email = userName, EmailConfirmed = true, DisplayName = displayName, PersonId = command.PersonId, MustChangePassword = true };
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded)
        {
            return Problem.Validation("userName", string.Join(" ", created.Errors.Select(e => e.Description)));
        }

        await users.AddToRolesAsync(user, command.Roles.Distinct(StringComparer.Ordinal));
        await transaction.CommitAsync(cancellationToken);
        return new CreatedAccount(await ViewAsync(user, command.Roles.Distinct(StringComparer.Ordinal), cancellationToken), password);
    }

    public async Task<Result<AccountView>> SetRolesAsync(Guid id, SetRoles command, Actor actor, CancellationToken cancellationToken)
    {
        var (user, problem) = await FindAsync(id, actor);
        if (problem is not null)
        {
            return problem;
        }

        if (RolesProblem(command.Roles) is { } rolesProblem)
        {
            return Problem.Validation("roles", rolesProblem);
        }

        var wanted = command.Roles.Distinct(StringComparer.Ordinal).ToList();
        var current = await users.GetRolesAsync(user!);
        if (current.Contains(Roles.Administrator) && !wanted.Contains(Roles.Administrator) && await IsLastActiveAdministratorAsync(user!, cancellationToken))
        {
            return Problem.Conflict(localizer["Accounts.LastAdministrator"]);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await users.RemoveFromRolesAsync(user!, current.Except(wanted));
        await users.AddToRolesAsync(user!, wanted.Except(current));
        // A role taken away applies at once: the account's sessions re-read it at their next request.
        await users.UpdateSecurityStampAsync(user!);
        await transaction.CommitAsync(cancellationToken);
        return await ViewAsync(user!, wanted, cancellationToken);
    }

    /// <summary>The account can no longer sign in or use its tokens; its sessions end now. Nothing of its history is deleted.</summary>
    public async Task<Result<AccountView>> DeactivateAsync(Guid id, Actor actor, CancellationToken cancellationToken)
    {
        var (user, problem) = await FindAsync(id, actor);
        if (problem is not null)
        {
            return problem;
        }

        if (user!.Id == actor.UserId)
        {
            return Problem.Conflict(localizer["Accounts.NotYourself"]);
        }

        if (await users.IsInRoleAsync(user, Roles.Administrator) && await IsLastActiveAdministratorAsync(user, cancellationToken))
        {
            return Problem.Conflict(localizer["Accounts.LastAdministrator"]);
        }

        await users.SetLockoutEnabledAsync(user, true);
        await users.SetLockoutEndDateAsync(user, DateTimeOffset.MaxValue);
        await sessions.EndAllAsync(user, cancellationToken: cancellationToken);
        return await ViewAsync(user, await users.GetRolesAsync(user), cancellationToken);
    }

    public async Task<Result<AccountView>> ReactivateAsync(Guid id, Actor actor, CancellationToken cancellationToken)
    {
        var (user, problem) = await FindAsync(id, actor);
        if (problem is not null)
        {
            return problem;
        }

        await users.SetLockoutEndDateAsync(user!, null);
        return await ViewAsync(user!, await users.GetRolesAsync(user!), cancellationToken);
    }

    /// <summary>
    /// The answer to a lost laptop or a leaked password: every session of the account ends on every instance, and every
    /// API token is revoked, so nothing obtained before keeps working. The password stays; the owner signs in again.
    /// </summary>
    public async Task<Result<SignedOutEverywhere>> SignOutEverywhereAsync(Guid id, Actor actor, CancellationToken cancellationToken)
    {
        var (user, problem) = await FindAsync(id, actor);
        if (problem is not null)
        {
            return problem;
        }

        var ended = await sessions.EndAllAsync(user!, cancellationToken: cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        var revoked = await db.ApiTokens
            .Where(t => t.UserId == user!.Id && t.RevokedUtc == null)
            .ExecuteUpdateAsync(t => t.SetProperty(x => x.RevokedUtc, now), cancellationToken);
        return new SignedOutEverywhere(user!.Id, ended, revoked);
    }

    private async Task<(AppUser? User, Problem? Problem)> FindAsync(Guid id, Actor actor)
    {
        if (!actor.IsAdministrator)
        {
            return (null, Problem.Forbidden(localizer["Accounts.AdministratorsOnly"]));
        }

        var user = await users.FindByIdAsync(id.ToString());
        return user is null ? (null, Problem.NotFound(localizer["Accounts.NotFound"])) : (user, null);
    }

    private string? RolesProblem(IReadOnlyList<string>? roles) =>
        roles is null || roles.Count == 0 || roles.Any(r => !Roles.All.Contains(r, StringComparer.Ordinal))
            ? localizer["Accounts.RolesInvalid", string.Join(", ", Roles.All)].Value
            : null;

    private async Task<bool> IsLastActiveAdministratorAsync(AppUser user, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var administrators = await users.GetUsersInRoleAsync(Roles.Administrator);
        return !administrators.Any(a => a.Id != user.Id && (a.LockoutEnd is null || a.LockoutEnd <= now));
    }

    private async Task<AccountView> ViewAsync(AppUser user, IEnumerable<string> roles, CancellationToken cancellationToken)
    {
        var personName = user.PersonId is { } personId
            ? await db.People.Where(p => p.Id == personId).Select(p => p.DisplayName).SingleOrDefaultAsync(cancellationToken)
            : null;
        return View(user, roles, time.GetUtcNow(), personName);
    }

    private static AccountView View(AppUser user, IEnumerable<string> roles, DateTimeOffset now, string? personName = null) =>
        new(user.Id, user.UserName!, user.DisplayName, user.PersonId, personName, [.. roles.Order(StringComparer.Ordinal)], user.LockoutEnd is null || user.LockoutEnd <= now, user.MustChangePassword);
}
