using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Reciproca.Web.Infrastructure.Data;

namespace Reciproca.Web.Infrastructure.Auth.SignIn;

/// <summary>
/// Password sign-in that tells an attacker nothing: an unknown account, a wrong password, a disabled account and a
/// throttled client all take one password-hash verification and get the same answer. Failures slow down the
/// (account, client) pair progressively instead of locking the account (see <see cref="SignInThrottle"/>).
/// </summary>
public sealed class SignInGuard(
    AppDbContext db,
    UserManager<AppUser> users,
    SignInManager<AppUser> signIn,
    IPasswordHasher<AppUser> hasher,
    TimeProvider time)
{
    /// <summary>Failures allowed before the first delay: enough for typos and a forgotten Caps Lock.</summary>
    public const int FreeFailures = 4;

    /// <summary>The first delay; each further failure doubles it up to <see cref="MaxDelay"/>.</summary>
    public static readonly TimeSpan FirstDelay = TimeSpan.FromSeconds(30);

    public static readonly TimeSpan MaxDelay = TimeSpan.FromMinutes(15);

    /// <summary>A client that stops failing for this long starts again from zero.</summary>
    public static readonly TimeSpan Memory = TimeSpan.FromHours(24);

    // A hash of a password nobody knows, so that the unknown-account path spends the same work as the known one.
    private static readonly Lazy<string> _decoyHash = new(() =>
        new PasswordHasher<AppUser>().HashPassword(new AppUser(), Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24))));

    public async Task<bool> PasswordSignInAsync(string userName, string password, bool persistent, string client)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var key = ApiToken.Hash(users.NormalizeName(userName) + "\n" + client);
        var throttle = await db.SignInThrottles.FindAsync(key);
        if (throttle is not null && throttle.LastFailureUtc + Memory <= now)
        {
            db.SignInThrottles.Remove(throttle);
            throttle = null;
        }

        var user = await users.FindByNameAsync(userName);
        if (throttle?.BlockedUntilUtc > now || user is null || await users.IsLockedOutAsync(user) || !await signIn.CanSignInAsync(user))
        {
            SpendDecoyVerification(password);
            await RecordFailureAsync(key, throttle, now);
            return false;
        }

        var result = await signIn.PasswordSignInAsync(user, password, persistent, lockoutOnFailure: false);
        if (result.Succeeded)
        {
            if (throttle is not null)
            {
                db.SignInThrottles.Remove(throttle);
                await db.SaveChangesAsync();
            }

            return true;
        }

        await RecordFailureAsync(key, throttle, now);
        return false;
    }

    /// <summary>How long the client must wait after <paramref name="failures"/> failures (zero while still free).</summary>
    public static TimeSpan DelayAfter(int failures)
    {
        if (failures <= FreeFailures)
        {
            return TimeSpan.Zero;
        }

        var doublings = Math.Min(failures - FreeFailures - 1, 10);
        var delay = FirstDelay * Math.Pow(2, doublings);
        return delay < MaxDelay ? delay : MaxDelay;
    }

    private void SpendDecoyVerification(string password) =>
        hasher.VerifyHashedPassword(new AppUser(), _decoyHash.Value, password);

    private async Task RecordFailureAsync(string key, SignInThrottle? throttle, DateTime now)
    {
        if (throttle is null)
        {
            throttle = new SignInThrottle { Key = key };
            db.SignInThrottles.Add(throttle);
        }

        throttle.Failures++;
        throttle.LastFailureUtc = now;
        var delay = DelayAfter(throttle.Failures);
        throttle.BlockedUntilUtc = delay > TimeSpan.Zero ? now + delay : null;
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException)
        {
            // Two failures of the same pair at once: one of them counted, which is all the throttle needs.
            db.ChangeTracker.Clear();
        }
    }
}
