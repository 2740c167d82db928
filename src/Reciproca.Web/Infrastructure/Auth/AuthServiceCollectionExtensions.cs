using System.Security.Cryptography.X509Certificates;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Reciproca.Web.Infrastructure.Auth.Passwords;
using Reciproca.Web.Infrastructure.Data;

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
                options.Lockout.AllowedForNewUsers = true;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
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
            options.SlidingExpiration = true;
            options.ExpireTimeSpan = TimeSpan.FromHours(8);
            // The API answers with status codes (turned into ProblemDetails), never with a redirect to a page.
            options.Events.OnRedirectToLogin = context => RedirectOrStatus(context, StatusCodes.Status401Unauthorized);
            options.Events.OnRedirectToAccessDenied = context => RedirectOrStatus(context, StatusCodes.Status403Forbidden);
        });

        // One default scheme that picks bearer tokens for API calls that carry one, the cookie otherwise.
        services.AddAuthentication(options =>
            {
                options.DefaultScheme = SelectorScheme;
                options.DefaultAuthenticateScheme = SelectorScheme;
                options.DefaultChallengeScheme = SelectorScheme;
                options.DefaultForbidScheme = SelectorScheme;
            })
            .AddPolicyScheme(SelectorScheme, SelectorScheme, options =>
            {
                options.ForwardDefaultSelector = context =>
                    context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
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

    private static Task RedirectOrStatus(RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> context, int status)
    {
        if (context.Request.Path.StartsWithSegments("/api"))
        {
            context.Response.StatusCode = status;
            return Task.CompletedTask;
        }

        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }
}
