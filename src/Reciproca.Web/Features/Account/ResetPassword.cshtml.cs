using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Reciproca.Web.Infrastructure.Auth;
using Reciproca.Web.Infrastructure.Web;

namespace Reciproca.Web.Features.Account;

/// <summary>
/// The page a password link leads to; anonymous (the token is the key). A new password for an account ends its
/// sessions and leads to the sign-in page; a first password creates the account and signs it in.
/// </summary>
public sealed class ResetPasswordModel(PasswordHelp help, SignInManager<AppUser> signIn, IStringLocalizer<SharedResource> localizer) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string Token { get; set; } = "";

    [BindProperty]
    public NewPasswordInput Input { get; set; } = new();

    public PasswordLinkLookup Lookup { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (Input.Password != Input.ConfirmPassword)
        {
            ModelState.AddModelError("Input.ConfirmPassword", localizer["ChangePassword.Mismatch"]);
        }

        if (ModelState.IsValid)
        {
            var result = await help.ChooseAsync(Token, Input.Password, cancellationToken);
            if (result.Succeeded)
            {
                var chosen = result.Value!;
                if (chosen.Created)
                {
                    await signIn.SignInAsync(chosen.Account, isPersistent: false);
                    TempData["Flash"] = localizer["FirstAccess.Done"].Value;
                    return LocalRedirect("/");
                }

                // Every session of the account ended; this browser's too, whoever it was signed in as.
                await signIn.SignOutAsync();
                TempData["Flash"] = localizer["ResetPassword.Done"].Value;
                return LocalRedirect("/Account/Login");
            }

            ModelState.AddProblem(result.Problem!, "Input");
        }

        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        // The token is in the address: never send it on to another site.
        Response.Headers["Referrer-Policy"] = "no-referrer";
        Lookup = await help.LookupAsync(Token, cancellationToken);
        if (Lookup.State == PasswordLinkState.Invalid)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
        }
    }

    public sealed class NewPasswordInput
    {
        [Required(ErrorMessage = "Validation.Required")]
        [DataType(DataType.Password)]
        [Display(Name = "ChangePassword.New")]
        public string Password { get; set; } = "";

        [Required(ErrorMessage = "Validation.Required")]
        [DataType(DataType.Password)]
        [Display(Name = "ChangePassword.Confirm")]
        public string ConfirmPassword { get; set; } = "";
    }
}
