using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Reciproca.Web.Infrastructure.Auth;

namespace Reciproca.Web.Features.Account;

/// <summary>
/// Asking for a link by e-mail: a new password (<c>/Account/ForgotPassword</c>) or a first password
/// (<c>/Account/FirstAccess</c>). Both pages do the same thing, so that whichever a person picks, the link that fits
/// their address arrives; they differ only in their words. The answer never depends on the address.
/// </summary>
[EnableRateLimiting(AuthServiceCollectionExtensions.LoginRateLimit)]
public abstract class PasswordHelpRequestModel(PasswordHelp help) : PageModel
{
    /// <summary>The resource prefix of the page's words.</summary>
    public abstract string Texts { get; }

    [BindProperty]
    public AddressInput Input { get; set; } = new();

    public bool Sent { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        await help.RequestAsync(Input.Email, cancellationToken);
        Sent = true;
        // Not echoed back: the page after a request reads the same for every address.
        Input = new AddressInput();
        ModelState.Clear();
        return Page();
    }

    public sealed class AddressInput
    {
        [Required(ErrorMessage = "Validation.Required")]
        [EmailAddress(ErrorMessage = "ForgotPassword.InvalidEmail")]
        [StringLength(320, ErrorMessage = "ForgotPassword.InvalidEmail")]
        [Display(Name = "ForgotPassword.Email")]
        public string Email { get; set; } = "";
    }
}

public sealed class ForgotPasswordModel(PasswordHelp help) : PasswordHelpRequestModel(help)
{
    public override string Texts => "ForgotPassword";
}
