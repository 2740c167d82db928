using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Reciproca.Web.Infrastructure.Auth;
using Reciproca.Web.Infrastructure.Auth.Sessions;

namespace Reciproca.Web.Features.Account;

public sealed class LogoutModel(SignInManager<AppUser> signIn, UserManager<AppUser> users, AccountSessions sessions) : PageModel
{
    public IActionResult OnGet() => LocalRedirect("/");

    /// <summary>Signing out ends every session of the account, not only this browser's: a copied cookie dies with it.</summary>
    public async Task<IActionResult> OnPostAsync()
    {
        if (await users.GetUserAsync(User) is { } user)
        {
            await sessions.EndAllAsync(user, cancellationToken: HttpContext.RequestAborted);
        }

        await signIn.SignOutAsync();
        return LocalRedirect("/Account/Login");
    }
}
