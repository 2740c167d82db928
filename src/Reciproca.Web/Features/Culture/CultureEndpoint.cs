using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Localization;
using Reciproca.Web.Infrastructure.Web;

namespace Reciproca.Web.Features.Culture;

/// <summary>
/// The language switch: remembers the choice in a cookie for a year and returns to the page. Whatever is posted, the
/// answer is a redirect to a page of this site: without a valid antiforgery token nothing changes and the visitor goes
/// home (a cross-site form must not set the language, and an expired token is not worth an error page); a return
/// address that is not a local path goes home too, so the switch cannot send anybody elsewhere.
/// </summary>
public static class CultureEndpoint
{
    public static WebApplication MapCultureSwitch(this WebApplication app)
    {
        app.MapPost("/Culture", async (HttpContext context, IAntiforgery antiforgery) =>
            {
                if (!context.Request.HasFormContentType || !await antiforgery.IsRequestValidAsync(context))
                {
                    return Results.LocalRedirect("/");
                }

                var form = await context.Request.ReadFormAsync(context.RequestAborted);
                var culture = form["culture"].ToString();
                var supported = WebServiceCollectionExtensions.SupportedCultures.Any(c => c.Name == culture) ? culture : "en";
                context.Response.Cookies.Append(
                    CookieRequestCultureProvider.DefaultCookieName,
                    CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(supported)),
                    new CookieOptions { MaxAge = TimeSpan.FromDays(365), IsEssential = true, SameSite = SameSiteMode.Lax, HttpOnly = true });
                return Results.LocalRedirect(LocalPathOrHome(form["returnUrl"].ToString()));
            })
            .AllowAnonymous()
            // Checked above, so that a missing or stale token is a redirect home rather than a 400.
            .DisableAntiforgery()
            .ExcludeFromDescription();
        return app;
    }

    /// <summary>
    /// <paramref name="returnUrl"/> when it is a path of this site, else "/". Stricter than
    /// <c>IUrlHelper.IsLocalUrl</c>: browsers read a backslash as a slash, so <c>/\evil.example</c> is another host,
    /// and no control character (a tab or line break the browser strips) may hide one either.
    /// </summary>
    internal static string LocalPathOrHome(string? returnUrl) =>
        returnUrl is ['/', ..] && !returnUrl.StartsWith("//", StringComparison.Ordinal)
            && !returnUrl.Contains('\\', StringComparison.Ordinal) && !returnUrl.Any(char.IsControl)
            ? returnUrl
            : "/";
}
