using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Reciproca.Web.Infrastructure.Auth.PasswordResets;
using Reciproca.Web.Infrastructure.Auth.SignIn;
using Reciproca.Web.Infrastructure.Data;
using Reciproca.Web.Infrastructure.Jobs;
using SessionOptions = Reciproca.Web.Infrastructure.Auth.Sessions.SessionOptions;

namespace Reciproca.Web.Infrastructure.Auth;

/// <summary>
/// Hourly: deletes sessions past their end (an abandoned browser leaves no usable ticket behind) and sign-in failures
/// the throttle has forgotten, and password links past their end that no longer count against the per-hour limit.
/// </summary>
public sealed class SignInRecordsPurgeJob(AppDbContext db, TimeProvider time, IOptions<SessionOptions> options) : IRecurringJob
{
    public string Name => "SignInRecordsPurge";

    public TimeSpan Period => TimeSpan.FromHours(1);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var signedInBefore = now - options.Value.AbsoluteLifetime;
        await db.UserSessions.Where(s => s.ExpiresUtc <= now || s.CreatedUtc <= signedInBefore).ExecuteDeleteAsync(cancellationToken);
        var failedBefore = now - SignInGuard.Memory;
        await db.SignInThrottles.Where(t => t.LastFailureUtc <= failedBefore).ExecuteDeleteAsync(cancellationToken);
        var countedSince = now - PasswordResetOptions.Window;
        await db.PasswordResetTokens.Where(t => t.ExpiresUtc <= now && t.CreatedUtc <= countedSince).ExecuteDeleteAsync(cancellationToken);
    }
}
