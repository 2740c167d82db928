using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Reciproca.Web.Infrastructure.Data;

namespace Reciproca.Web.Infrastructure.Auth;

/// <summary>Authenticates <c>Authorization: Bearer &lt;token&gt;</c> against the stored token hashes.</summary>
public sealed class ApiTokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    AppDbContext db,
    IUserClaimsPrincipalFactory<AppUser> principalFactory,
    TimeProvider time)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiToken";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }

        var token = header["Bearer ".Length..].Trim();
        if (token.Length == 0)
        {
            return AuthenticateResult.Fail("Empty bearer token.");
        }

        var hash = ApiToken.Hash(token);
        var now = time.GetUtcNow().UtcDateTime;
        var stored = await db.ApiTokens.AsNoTracking()
            .SingleOrDefaultAsync(t => t.TokenHash == hash, Context.RequestAborted);
        if (stored is null || stored.RevokedUtc is not null || (stored.ExpiresUtc is { } expires && expires <= now))
        {
            return AuthenticateResult.Fail("Unknown, revoked or expired API token.");
        }

        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == stored.UserId, Context.RequestAborted);
        if (user is null || (user.LockoutEnd is { } lockout && lockout > time.GetUtcNow()))
        {
            return AuthenticateResult.Fail("The token's account is disabled.");
        }

        var principal = await principalFactory.CreateAsync(user);
        var identity = new ClaimsIdentity(principal.Claims, SchemeName, ClaimTypes.Name, ClaimTypes.Role);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        return Task.CompletedTask;
    }
}
