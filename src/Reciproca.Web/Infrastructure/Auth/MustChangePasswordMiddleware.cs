namespace Reciproca.Web.Infrastructure.Auth;

/// <summary>
/// A one-time password opens only the change-password page: until a new password is chosen, every other
/// page redirects there. The API never sees the sign-in cookie (it takes bearer tokens only), and a token is created
/// deliberately, so a token's calls are not affected.
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
            context.Response.Redirect("/Account/ChangePassword");
            return Task.CompletedTask;
        }

        return next(context);
    }
}
