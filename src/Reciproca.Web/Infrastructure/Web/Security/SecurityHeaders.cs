using Scalar.AspNetCore;

namespace Reciproca.Web.Infrastructure.Web.Security;

/// <summary>
/// The headers every response carries (ASVS V14.4). The pages run no inline script, so the Content-Security-Policy
/// allows scripts from this origin only; the one page that needs an inline script, the API reference, gets it by a
/// per-request nonce that Scalar emits.
/// </summary>
public static class SecurityHeaders
{
    private const string PagePolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; " +
        "form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'";

    // Scalar's bundle adds <style> elements at run time and, on some paths, compiles code with eval: both are allowed on
    // this page alone, which holds no personal data and whose API calls need a bearer token. Inline script still needs
    // the nonce.
    private const string ReferencePolicy =
        "default-src 'self'; script-src 'self' 'nonce-{0}' 'unsafe-eval'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; " +
        "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'";

    // JSON is not a document, but a response opened in a tab must not run or frame anything either.
    private const string ApiPolicy = "default-src 'none'; frame-ancestors 'none'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            // Defaults: a page that needs a stricter value of its own (the invitation link: no referrer at all) keeps it.
            headers.TryAdd("Content-Security-Policy", PolicyFor(context));
            headers.TryAdd("X-Content-Type-Options", "nosniff");
            headers.TryAdd("X-Frame-Options", "DENY");
            // Invitation and account-setup links carry their token in the path: no other site may see it as a referrer.
            headers.TryAdd("Referrer-Policy", "same-origin");
            headers.TryAdd("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=(), usb=(), browsing-topics=()");
            headers.TryAdd("Cross-Origin-Opener-Policy", "same-origin");
            // Pages and API answers hold personal data: no shared or browser cache keeps them. Static files say otherwise.
            if (context.GetEndpoint() is not null && !headers.ContainsKey("Cache-Control"))
            {
                headers.CacheControl = "no-store";
            }

            return Task.CompletedTask;
        });
        return next(context);
    });

    private static string PolicyFor(HttpContext context)
    {
        if (context.Items.TryGetValue(ScalarOptions.NonceHttpContextItemKey, out var nonce) && nonce is string value)
        {
            return string.Format(System.Globalization.CultureInfo.InvariantCulture, ReferencePolicy, value);
        }

        return context.Request.Path.StartsWithSegments("/api") || context.Request.Path.StartsWithSegments("/openapi") ? ApiPolicy : PagePolicy;
    }
}
