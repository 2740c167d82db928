namespace Reciproca.Web.Infrastructure.Auth;

/// <summary>
/// A one-time password opens only the change-password page: until a new password is chosen, every other
/// page redirects there and every API call made with the sign-in cookie is refused. API tokens are issued
/// deliberately by an administrator for automation and are not affected.
/// </summary>
public sealed class MustChangePasswordMiddleware(RequestDelegate next)
{
    private static readonly PathString[] _allowed = ["/Account/ChangePassword", "/Account/Logout", "/Culture"];

    public Task InvokeAsync(HttpContext context)
    {
        var user = context.User;
        if (user.Identity?.IsAuthenticated == true
            && user.Identity.AuthenticationType != ApiTokenAuthenticationHandler.SchemeName
            && user.HasClaim(AppClaimsPrincipalFactory.MustChangePasswordClaim, "true")
            && !_allowed.Any(p => context.Request.Path.StartsWithSegments(p)))
        {
            if (context.Request.Path.StartsWithSegments("/api"))
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return Task.CompletedTask;
            }

            context.Response.Redirect("/Account/ChangePassword");
            return Task.CompletedTask;
        }

        return next(context);
    }
}
