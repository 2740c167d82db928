using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Reciproca.Web.Infrastructure.Web;

namespace Reciproca.Web.Features.Culture;

/// <summary>The language switch: remembers the choice in a cookie for a year and returns to the page.</summary>
public static class CultureEndpoint
{
    public static WebApplication MapCultureSwitch(this WebApplication app)
    {
        app.MapPost("/Culture", ([FromForm] string culture, [FromForm] string? returnUrl, HttpContext context) =>
            {
                var supported = WebServiceCollectionExtensions.SupportedCultures.Any(c => c.Name == culture) ? culture : "en";
                context.Response.Cookies.Append(
                    CookieRequestCultureProvider.DefaultCookieName,
                    CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(supported)),
                    new CookieOptions { MaxAge = TimeSpan.FromDays(365), IsEssential = true, SameSite = SameSiteMode.Lax, HttpOnly = true });
                var target = !string.IsNullOrEmpty(returnUrl) && returnUrl.StartsWith('/') && !returnUrl.StartsWith("//", StringComparison.Ordinal) ? returnUrl : "/";
                return Results.LocalRedirect(target);
            })
            .AllowAnonymous()
            .ExcludeFromDescription();
        return app;
    }
}
