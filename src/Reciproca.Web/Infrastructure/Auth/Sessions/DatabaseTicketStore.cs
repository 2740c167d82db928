using System.Globalization;
using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Reciproca.Web.Infrastructure.Data;

namespace Reciproca.Web.Infrastructure.Auth.Sessions;

/// <summary>
/// Keeps sign-in tickets in <see cref="UserSession"/> rows instead of in the cookie. A singleton (the cookie options
/// hold it), so each call opens a scope of its own rather than sharing a request's unit of work.
/// </summary>
public sealed class DatabaseTicketStore(IServiceScopeFactory scopes, TimeProvider time, IOptions<SessionOptions> options) : ITicketStore
{
    /// <summary>The first sign-in's time, carried in the ticket so that a refreshed sign-in keeps its absolute end.</summary>
    private const string SignedInItem = "reciproca.signedInUtc";

    /// <summary>The session's own key hash, carried in the ticket so that a page can end every session but its own.</summary>
    private const string SessionItem = "reciproca.session";

    public static string HashKey(string key) => ApiToken.Hash(key);

    /// <summary>The key hash of the session a request was authenticated with (from its ticket's properties).</summary>
    public static string? SessionOf(AuthenticationProperties? properties) =>
        properties?.Items.TryGetValue(SessionItem, out var hash) == true ? hash : null;

    public async Task<string> StoreAsync(AuthenticationTicket ticket)
    {
        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        var signedIn = SignedIn(ticket);
        ticket.Properties.Items[SessionItem] = HashKey(key);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        db.UserSessions.Add(new UserSession
        {
            KeyHash = HashKey(key),
            UserId = UserIdOf(ticket),
            CreatedUtc = signedIn,
            ExpiresUtc = ExpiryOf(ticket, signedIn),
            Ticket = TicketSerializer.Default.Serialize(ticket),
        });
        await db.SaveChangesAsync();
        return key;
    }

    public async Task RenewAsync(string key, AuthenticationTicket ticket)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var session = await db.UserSessions.FindAsync(HashKey(key));
        if (session is null)
        {
            // Ended meanwhile (signed out elsewhere): renewing must not bring it back. The cookie handler renews the
            // request's own key even on a fresh sign-in, so a page that ends sessions keeps its own (EndAllAsync).
            return;
        }

        session.ExpiresUtc = ExpiryOf(ticket, session.CreatedUtc);
        session.Ticket = TicketSerializer.Default.Serialize(ticket);
        await db.SaveChangesAsync();
    }

    public async Task<AuthenticationTicket?> RetrieveAsync(string key)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var hash = HashKey(key);
        var session = await db.UserSessions.AsNoTracking().SingleOrDefaultAsync(s => s.KeyHash == hash);
        if (session is null)
        {
            return null;
        }

        var now = time.GetUtcNow().UtcDateTime;
        if (session.ExpiresUtc <= now || session.CreatedUtc + options.Value.AbsoluteLifetime <= now)
        {
            await db.UserSessions.Where(s => s.KeyHash == hash).ExecuteDeleteAsync();
            return null;
        }

        return TicketSerializer.Default.Deserialize(session.Ticket);
    }

    public async Task RemoveAsync(string key)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var hash = HashKey(key);
        await db.UserSessions.Where(s => s.KeyHash == hash).ExecuteDeleteAsync();
    }

    private DateTime SignedIn(AuthenticationTicket ticket)
    {
        if (ticket.Properties.Items.TryGetValue(SignedInItem, out var value)
            && DateTime.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var signedIn))
        {
            return signedIn;
        }

        var now = time.GetUtcNow().UtcDateTime;
        ticket.Properties.Items[SignedInItem] = now.ToString("O", CultureInfo.InvariantCulture);
        return now;
    }

    /// <summary>The sliding end the cookie handler set, never past the absolute end.</summary>
    private DateTime ExpiryOf(AuthenticationTicket ticket, DateTime signedIn)
    {
        var absoluteEnd = signedIn + options.Value.AbsoluteLifetime;
        var sliding = ticket.Properties.ExpiresUtc?.UtcDateTime ?? time.GetUtcNow().UtcDateTime + options.Value.IdleTimeout;
        return sliding < absoluteEnd ? sliding : absoluteEnd;
    }

    private static Guid UserIdOf(AuthenticationTicket ticket) =>
        Guid.Parse(ticket.Principal.FindFirstValue(ClaimTypes.NameIdentifier)
            ?? throw new InvalidOperationException("A sign-in ticket without the account's id."));
}
