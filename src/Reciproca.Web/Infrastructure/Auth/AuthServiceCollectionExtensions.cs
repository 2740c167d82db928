using System.Security.Cryptography.X509Certificates;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Reciproca.Web.Infrastructure.Auth.Passwords;
using Reciproca.Web.Infrastructure.Auth.Sessions;
using Reciproca.Web.Infrastructure.Auth.SignIn;
using Reciproca.Web.Infrastructure.Data;
using Reciproca.Web.Infrastructure.Jobs;
using SessionOptions = Reciproca.Web.Infrastructure.Auth.Sessions.SessionOptions;

namespace Reciproca.Web.Infrastructure.Auth;

public static class AuthServiceCollectionExtensions
{
    public const string LoginRateLimit = "login";
    private const string SelectorScheme = "CookieOrBearer";

    public static IServiceCollection AddAuth(this IServiceCollection services, IConfiguration configuration)
    {
        // Cookies and antiforgery tokens must read the same on every instance behind the load balancer, and survive a
        // redeploy: the key ring lives in the database, not on one machine's disk (ADR 0009).
        var dataProtection = services.AddDataProtection()
            .SetApplicationName("Reciproca")
            .PersistKeysToDbContext<AppDbContext>();
        if (configuration["DataProtection:CertificatePath"] is { Length: > 0 } certificate)
        {
            // Keys encrypted at rest: a copy of the database alone does not let anyone forge a sign-in cookie.
            dataProtection.ProtectKeysWithCertificate(X509CertificateLoader.LoadPkcs12FromFile(certificate, configuration["DataProtection:CertificatePassword"]));
        }

        services.AddIdentity<AppUser, AppRole>(options =>
            {
                // Length, not composition (ASVS 2.1, Passwords/PasswordPolicy): a passphrase of lower-case words passes.
                options.Password.RequiredLength = PasswordPolicy.MinimumLength;
                options.Password.RequiredUniqueChars = PasswordPolicy.MinimumDistinctCharacters;
                options.Password.RequireNonAlphanumeric = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireDigit = false;
                // Failed passwords never lock an account (that would let anyone lock HR out): SignInGuard slows down
                // the failing client instead. A lockout end is set only on purpose, to disable an account.
                options.Lockout.AllowedForNewUsers = true;
                options.User.RequireUniqueEmail = false;
            })
            .AddEntityFrameworkStores<AppDbContext>()
            .AddDefaultTokenProviders()
            .AddClaimsPrincipalFactory<AppClaimsPrincipalFactory>()
            .AddErrorDescriber<LocalizedIdentityErrors>()
            .AddPasswordPolicy();

        services.ConfigureApplicationCookie(options =>
        {
            options.LoginPath = "/Account/Login";
            options.LogoutPath = "/Account/Logout";
            options.AccessDeniedPath = "/Account/AccessDenied";
            options.Cookie.Name = "reciproca.auth";
            options.Cookie.SameSite = SameSiteMode.Lax;
            // Secure whenever the request is HTTPS, which behind a TLS-terminating proxy the forwarded headers tell.
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.SlidingExpiration = true;
            // The API answers with status codes (turned into ProblemDetails), never with a redirect to a page.
            options.Events.OnRedirectToLogin = context => RedirectOrStatus(context, StatusCodes.Status401Unauthorized);
            options.Events.OnRedirectToAccessDenied = context => RedirectOrStatus(context, StatusCodes.Status403Forbidden);
        });

        services.AddSessions();

        // The API takes bearer tokens only: a browser attaches the sign-in cookie to a request that another page (a
        // sibling subdomain, another port) made it send, so a cookie proves no intent. Pages keep the cookie, and
        // their forms carry antiforgery tokens.
        services.AddAuthentication(options =>
            {
                options.DefaultScheme = SelectorScheme;
                options.DefaultAuthenticateScheme = SelectorScheme;
                options.DefaultChallengeScheme = SelectorScheme;
                options.DefaultForbidScheme = SelectorScheme;
            })
            .AddPolicyScheme(SelectorScheme, SelectorScheme, options =>
            {
                options.ForwardDefaultSelector = context => context.Request.Path.StartsWithSegments("/api")
                    ? ApiTokenAuthenticationHandler.SchemeName
                    : IdentityConstants.ApplicationScheme;
            })
            .AddScheme<AuthenticationSchemeOptions, ApiTokenAuthenticationHandler>(ApiTokenAuthenticationHandler.SchemeName, null);

        services.AddAuthorizationBuilder()
            .AddPolicy(Policies.ManagePeople, policy => policy.RequireRole(Roles.Administrator, Roles.ProgrammeManager))
            .AddPolicy(Policies.ManageProgrammes, policy => policy.RequireRole(Roles.Administrator, Roles.ProgrammeManager))
            .AddPolicy(Policies.Administer, policy => policy.RequireRole(Roles.Administrator))
            // Secure by default: every page and endpoint needs a signed-in user unless it says otherwise.
            .SetFallbackPolicy(new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());

        // Per client address; Identity's lockout covers a distributed guess against one account.
        var attemptsPerMinute = configuration.GetValue("Security:LoginAttemptsPerMinute", 10);
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            // Only attempts count: showing the form is free.
            options.AddPolicy(LoginRateLimit, context => HttpMethods.IsPost(context.Request.Method)
                ? RateLimitPartition.GetFixedWindowLimiter(
                    context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = attemptsPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 })
                : RateLimitPartition.GetNoLimiter("show-form"));
        });

        return services;
    }

    /// <summary>Sign-ins kept server-side (so that they can be ended), and the guard that answers every sign-in alike.</summary>
    private static IServiceCollection AddSessions(this IServiceCollection services)
    {
        services.AddOptions<SessionOptions>().BindConfiguration(SessionOptions.Section);
        services.AddSingleton<DatabaseTicketStore>();
        services.AddScoped<AccountSessions>();
        services.AddScoped<SignInGuard>();
        services.AddRecurringJob<SignInRecordsPurgeJob>();
        services.AddOptions<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme)
            .Configure<DatabaseTicketStore, IOptions<SessionOptions>>((cookie, store, sessions) =>
            {
                cookie.SessionStore = store;
                cookie.ExpireTimeSpan = sessions.Value.IdleTimeout;
            });
        services.AddOptions<SecurityStampValidatorOptions>()
            .Configure<IOptions<SessionOptions>>((validator, sessions) => validator.ValidationInterval = sessions.Value.RevalidationInterval);
        return services;
    }

    private static Task RedirectOrStatus(RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        if (context.Request.Path.StartsWithSegments("/api"))
        {
            context.Response.StatusCode = status;
            return Task.CompletedTask;
        }

        // The handler builds an absolute address from the request's Host header; a relative one never points elsewhere.
        context.Response.Redirect(Uri.TryCreate(context.RedirectUri, UriKind.Absolute, out var absolute) ? absolute.PathAndQuery : context.RedirectUri);
        return Task.CompletedTask;
    }
}
