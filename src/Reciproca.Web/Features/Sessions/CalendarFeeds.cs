using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Reciproca.Web.Features.Pairs;
using Reciproca.Web.Infrastructure.Auth;
using Reciproca.Web.Infrastructure.Data;
using Reciproca.Web.Infrastructure.Email;
using Reciproca.Web.Infrastructure.Web;

namespace Reciproca.Web.Features.Sessions;

/// <summary>The address to subscribe to; shown once, when it is made.</summary>
public sealed record CalendarFeedLink(string Url);

/// <summary>
/// Personal calendar feeds. A calendar app cannot sign in, so the URL itself is the credential: 256 random bits,
/// of which only the SHA-256 is stored (a leaked database opens no feed). Making a new one replaces the old, which
/// stops working at once; revoking removes it. The address comes from the configured public address, never from the
/// request (ADR 0014).
/// </summary>
public sealed class CalendarFeeds(AppDbContext db, SessionInvites invites, EmailLinks links, TimeProvider time, IStringLocalizer<SharedResource> localizer)
{
    public const int SecretBytes = 32;

    public async Task<Result<CalendarFeedLink>> RegenerateAsync(Actor actor, CancellationToken cancellationToken)
    {
        if (actor.PersonId is not { } personId)
        {
            return Problem.Forbidden(localizer["Feed.PeopleOnly"]);
        }

        var secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(SecretBytes)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var feed = await db.CalendarFeeds.SingleOrDefaultAsync(f => f.PersonId == personId, cancellationToken);
        if (feed is null)
        {
            db.CalendarFeeds.Add(new CalendarFeed { PersonId = personId, SecretHash = ApiToken.Hash(secret), CreatedUtc = time.GetUtcNow().UtcDateTime });
        }
        else
        {
            feed.SecretHash = ApiToken.Hash(secret);
            feed.CreatedUtc = time.GetUtcNow().UtcDateTime;
        }

        await db.SaveChangesAsync(cancellationToken);
        return new CalendarFeedLink(links.Absolute($"/calendar/{secret}.ics"));
    }

    public async Task<Result<bool>> RevokeAsync(Actor actor, CancellationToken cancellationToken)
    {
        if (actor.PersonId is not { } personId)
        {
            return Problem.Forbidden(localizer["Feed.PeopleOnly"]);
        }

        await db.CalendarFeeds.Where(f => f.PersonId == personId).ExecuteDeleteAsync(cancellationToken);
        return true;
    }

    public Task<bool> ExistsAsync(Guid personId, CancellationToken cancellationToken) => db.CalendarFeeds.AnyAsync(f => f.PersonId == personId, cancellationToken);

    /// <summary>The feed of the secret's owner, or null for a secret that names no feed (never made, replaced or revoked).</summary>
    public async Task<string?> RenderAsync(string secret, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(secret) || secret.Length > 100)
        {
            return null;
        }

        var hash = ApiToken.Hash(secret);
        var personId = await db.CalendarFeeds.Where(f => f.SecretHash == hash).Select(f => (Guid?)f.PersonId).SingleOrDefaultAsync(cancellationToken);
        if (personId is null)
        {
            return null;
        }

        var pairs = await db.Pairs.AsNoTracking().Involving(personId.Value).ToListAsync(cancellationToken);
        var pairIds = pairs.Select(p => p.Id).ToList();
        var series = await db.SessionSeries.AsNoTracking().Where(s => pairIds.Contains(s.PairId)).OrderBy(s => s.CreatedUtc).ToListAsync(cancellationToken);
        var seriesIds = series.Select(s => s.Id).ToList();
        var occurrences = (await db.Sessions.AsNoTracking().Where(s => seriesIds.Contains(s.SeriesId)).ToListAsync(cancellationToken)).ToLookup(s => s.SeriesId);
        var people = await invites.PeopleAsync(pairs.SelectMany(p => new[] { p.DigitalMentorId, p.ExperienceMentorId }), cancellationToken);
        var goals = await invites.GoalsAsync(series, cancellationToken);
        var byId = pairs.ToDictionary(p => p.Id);
        var data = series.Where(s => occurrences[s.Id].Any())
            .Select(s => invites.Data(byId[s.PairId], s, [.. occurrences[s.Id]], people, goals)).ToList();
        return SessionCalendar.Feed(data, time.GetUtcNow().UtcDateTime);
    }
}
