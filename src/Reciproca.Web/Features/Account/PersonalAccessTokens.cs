using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Reciproca.Web.Infrastructure.Auth;
using Reciproca.Web.Infrastructure.Data;
using Reciproca.Web.Infrastructure.Web;

namespace Reciproca.Web.Features.Account;

/// <summary>One of the signed-in user's API tokens, as the profile lists it (never the token itself).</summary>
public sealed record AccessTokenRow(Guid Id, string Name, DateTime CreatedUtc, DateTime? ExpiresUtc, DateTime? RevokedUtc)
{
    public bool IsActiveAt(DateTime now) => RevokedUtc is null && (ExpiresUtc is null || ExpiresUtc > now);
}

/// <summary>The token as created: shown once, then only its hash exists.</summary>
public sealed record CreatedAccessToken(Guid Id, string Name, string Token, DateTime ExpiresUtc);

/// <summary>
/// Personal access tokens: how a person's own programs call the API, which takes no cookie. A token acts with exactly
/// its owner's rights (its principal is the owner's), expires, and can be revoked by its owner.
/// </summary>
public sealed class PersonalAccessTokens(AppDbContext db, TimeProvider time, IStringLocalizer<SharedResource> localizer)
{
    /// <summary>The lifetimes offered, in days: a token that never expires is a password nobody rotates.</summary>
    public static readonly int[] LifetimesInDays = [7, 30, 90, 180, 365];

    public const int NameMaxLength = 100;

    /// <summary>Enough for a few scripts and machines; more suggests tokens nobody revokes.</summary>
    public const int MaxActive = 20;

    public Task<List<AccessTokenRow>> ListAsync(Actor actor, CancellationToken cancellationToken) =>
        db.ApiTokens.AsNoTracking()
            .Where(t => t.UserId == actor.UserId)
            .OrderByDescending(t => t.CreatedUtc)
            .Select(t => new AccessTokenRow(t.Id, t.Name, t.CreatedUtc, t.ExpiresUtc, t.RevokedUtc))
            .ToListAsync(cancellationToken);

    public async Task<Result<CreatedAccessToken>> CreateAsync(Actor actor, string? name, int lifetimeInDays, CancellationToken cancellationToken)
    {
        name = name?.Trim() ?? "";
        if (name.Length == 0 || name.Length > NameMaxLength || name.Any(char.IsControl))
        {
            return Problem.Validation("Name", localizer["Tokens.NameInvalid", NameMaxLength]);
        }

        if (!LifetimesInDays.Contains(lifetimeInDays))
        {
            return Problem.Validation("LifetimeInDays", localizer["Tokens.LifetimeInvalid", string.Join(", ", LifetimesInDays)]);
        }

        var now = time.GetUtcNow().UtcDateTime;
        var active = await db.ApiTokens.CountAsync(t => t.UserId == actor.UserId && t.RevokedUtc == null && (t.ExpiresUtc == null || t.ExpiresUtc > now), cancellationToken);
        if (active >= MaxActive)
        {
            return Problem.Validation("Name", localizer["Tokens.TooMany", MaxActive]);
        }

        var token = ApiToken.Generate();
        var stored = new ApiToken
        {
            UserId = actor.UserId,
            Name = name,
            TokenHash = ApiToken.Hash(token),
            CreatedUtc = now,
            ExpiresUtc = now.AddDays(lifetimeInDays),
        };
        db.ApiTokens.Add(stored);
        await db.SaveChangesAsync(cancellationToken);
        return new CreatedAccessToken(stored.Id, name, token, stored.ExpiresUtc.Value);
    }

    /// <summary>Revokes one of the actor's own tokens; anyone else's is "not found", as if it did not exist.</summary>
    public async Task<Result<Guid>> RevokeAsync(Actor actor, Guid id, CancellationToken cancellationToken)
    {
        var token = await db.ApiTokens.SingleOrDefaultAsync(t => t.Id == id && t.UserId == actor.UserId, cancellationToken);
        if (token is null)
        {
            return Problem.NotFound(localizer["Tokens.NotFound"]);
        }

        token.RevokedUtc ??= time.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        return id;
    }
}
