using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Reciproca.Web.Infrastructure.Auth;
using Reciproca.Web.Infrastructure.Web.Api;
using Scalar.AspNetCore;

namespace Reciproca.Web.Infrastructure.Web;

public static class WebApplicationExtensions
{
    public static WebApplication UsePipeline(this WebApplication app)
    {
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
                .WithOpenApiRoutePattern("/openapi/{documentName}.json"))
            .AllowAnonymous();
        app.MapRazorPages();
        return app;
    }

    private static bool IsApi(HttpContext context) => context.Request.Path.StartsWithSegments("/api");
}
