using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Reciproca.Web.Infrastructure.Auth;
using Reciproca.Web.Infrastructure.Auth.Passwords;
using Reciproca.Web.Infrastructure.Data;

namespace Reciproca.Web.Infrastructure.Startup;

/// <summary>Creates the roles, the first administrator (with a one-time password) and the bootstrap API token.</summary>
internal sealed class AccountBootstrapper(
    AppDbContext db,
    UserManager<AppUser> users,
    RoleManager<AppRole> roles,
    IOptions<BootstrapOptions> options,
    StartupReport report,
    TimeProvider time,
    ILogger<AccountBootstrapper> logger)
{
    public async Task EnsureRolesAsync()
    {
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                EnsureSucceeded(await roles.CreateAsync(new AppRole(role)), $"create role {role}");
            }
        }
    }

    /// <summary>Runs last at start-up, so that a one-time password is never created by a start that then fails.</summary>
    public async Task EnsureAdministratorAsync(CancellationToken cancellationToken)
    {
        var admins = await users.GetUsersInRoleAsync(Roles.Administrator);
        AppUser admin;
        if (admins.Count == 0)
        {
            var userName = options.Value.AdminUserName;
            admin = new AppUser { UserName = userName, Email = userName, DisplayName = "Administrator", MustChangePassword = true, EmailConfirmed = true };
            var password = OneTimePasswords.Generate();
            EnsureSucceeded(await users.CreateAsync(admin, password), "create the administrator");
            EnsureSucceeded(await users.AddToRoleAsync(admin, Roles.Administrator), "make the administrator");
            logger.LogWarning("Created administrator {UserName}; its one-time password is printed on the console once.", userName);
            report.Add($"Administrator: {userName}  one-time password: {password}  (shown once; you choose a new one at first sign-in)");
        }
        else
        {
            admin = admins.OrderBy(a => a.Id).First();
            report.Add($"Administrator: {admin.UserName} (password set at first sign-in)");
        }

        await RegisterBootstrapTokenAsync(admin, cancellationToken);
    }

    private async Task RegisterBootstrapTokenAsync(AppUser admin, CancellationToken cancellationToken)
    {
        var token = options.Value.AdminApiToken;
        if (string.IsNullOrWhiteSpace(token))
        {
            return;
        }

        if (token.Length < 16)
        {
            throw new InvalidOperationException("Bootstrap:AdminApiToken must be at least 16 characters long.");
        }

        var hash = ApiToken.Hash(token);
        if (!await db.ApiTokens.AnyAsync(t => t.TokenHash == hash, cancellationToken))
        {
            db.ApiTokens.Add(new ApiToken
            {
                UserId = admin.Id,
                Name = "Bootstrap administrator token",
                TokenHash = hash,
                CreatedUtc = time.GetUtcNow().UtcDateTime,
            });
            await db.SaveChangesAsync(cancellationToken);
        }
    }

    internal static void EnsureSucceeded(IdentityResult result, string what)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Could not {what}: {string.Join("; ", result.Errors.Select(e => e.Description))}");
        }
    }
}
