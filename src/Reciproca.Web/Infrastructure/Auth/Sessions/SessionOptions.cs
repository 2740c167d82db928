namespace Reciproca.Web.Infrastructure.Auth.Sessions;

/// <summary>How long a sign-in lasts (<c>Security:Sessions</c>).</summary>
public sealed class SessionOptions
{
    public const string Section = "Security:Sessions";

    /// <summary>A session not used for this long ends (sliding: each visit in the second half renews it).</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromHours(8);

    /// <summary>A session ends this long after the sign-in however active it is: a stolen session cannot be kept alive.</summary>
    public TimeSpan AbsoluteLifetime { get; set; } = TimeSpan.FromHours(12);

    /// <summary>
    /// How often a session re-reads the account's roles and security stamp. Revocation does not wait for it (the
    /// session row is deleted); this only bounds how long a changed role takes to apply.
    /// </summary>
    public TimeSpan RevalidationInterval { get; set; } = TimeSpan.FromMinutes(1);
}
