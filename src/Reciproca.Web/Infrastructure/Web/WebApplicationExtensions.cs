using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Reciproca.Web.Infrastructure.Auth;
using Reciproca.Web.Infrastructure.Web.Api;
using Reciproca.Web.Infrastructure.Web.Localization;
using Reciproca.Web.Infrastructure.Web.Security;
using Scalar.AspNetCore;

namespace Reciproca.Web.Infrastructure.Web;

public static class WebApplicationExtensions
{
    public static WebApplication UsePipeline(this WebApplication app)
    {
        // First: everything after it sees the client's real address and scheme (only from configured proxies).
        app.UseForwardedHeaders();
        app.UseSecurityHeaders();
        // The API speaks RFC 9457 ProblemDetails; pages get readable pages.
        app.UseWhen(IsApi, api =>
        {
            api.UseExceptionHandler();
            api.UseStatusCodePages();
            api.Use(MalformedRequestHandler.RefuseUnsupportedMediaTypeAsync);
            // Before the endpoint binds (and so reads) the body: the idempotency filter hashes it afterwards.
            api.UseIdempotencyKeyBuffering();
        });
        app.UseWhen(context => !IsApi(context), ui =>
        {
            ui.UseExceptionHandler("/Home/Error");
            ui.UseStatusCodePagesWithReExecute("/Home/Status", "?code={0}");
        });

        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
        }

        app.UseRequestLocalization();
        app.UseDisplayCulture();
        app.UseStaticFiles();
        app.UseRouting();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseMiddleware<MustChangePasswordMiddleware>();
        app.UseAuthorization();
        app.UseAntiforgery();
        return app;
    }

    public static WebApplication MapEndpoints(this WebApplication app)
    {
        app.MapHealthChecks("/health", new HealthCheckOptions()).AllowAnonymous();
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        app.MapScalarApiReference("/api/reference", options => options
                .WithTitle("Reciproca API")
                .WithOpenApiRoutePattern("/openapi/{documentName}.json")
                // A fresh nonce per request for its inline script (the Content-Security-Policy allows nothing else
                // inline), no fonts from a CDN and no telemetry: the page talks to this server only.
                .WithNonce()
                .DisableDefaultFonts()
                .DisableTelemetry())
            .AllowAnonymous();
        app.MapRazorPages();
        return app;
    }

    private static bool IsApi(HttpContext context) => context.Request.Path.StartsWithSegments("/api");
}
