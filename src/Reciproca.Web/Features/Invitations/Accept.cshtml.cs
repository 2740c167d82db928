using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Reciproca.Web.Infrastructure.Auth;
using Reciproca.Web.Infrastructure.Web;

namespace Reciproca.Web.Features.Invitations;

/// <summary>
/// The page an invitation e-mail links to; open to anonymous visitors (the token is the key). Not under the sign-in
/// rate limit: a 256-bit token cannot be guessed, and a whole office behind one address accepting on the morning
/// the invitations arrive must not be throttled as if it were guessing passwords.
/// </summary>
public sealed class AcceptModel(AcceptInvitationHandler handler, SignInManager<AppUser> signIn, IStringLocalizer<SharedResource> localizer) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string Token { get; set; } = "";

    [BindProperty]
    public RegisterInput Input { get; set; } = new();

    public InvitationLookup Lookup { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostJoinAsync(CancellationToken cancellationToken)
    {
        var result = await handler.JoinAsync(Token, this.Actor, cancellationToken);
        if (result.Succeeded)
        {
            TempData["Flash"] = localizer["Invitation.Joined"].Value;
            return Redirect($"/Programmes/Details/{result.Value}");
        }

        ModelState.AddProblem(result.Problem!, "Input");
        await LoadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostRegisterAsync(CancellationToken cancellationToken)
    {
        if (Input.Password != Input.ConfirmPassword)
        {
            ModelState.AddModelError("Input.ConfirmPassword", localizer["ChangePassword.Mismatch"]);
        }

        if (ModelState.IsValid)
        {
            var result = await handler.RegisterAsync(Token, new RegisterFromInvitation(Input.GivenName, Input.FamilyName, Input.Password), cancellationToken);
            if (result.Succeeded)
            {
                var registration = result.Value!;
                await signIn.SignInAsync(registration.Account, isPersistent: false);
                TempData["Flash"] = localizer[registration.Applied ? "Invitation.Registered" : "Invitation.Joined"].Value;
                return Redirect($"/Programmes/Details/{registration.ProgrammeId}");
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
        Lookup = await handler.LookupAsync(Token, this.Actor, cancellationToken);
        if (Lookup.State == AcceptState.Invalid)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
        }
    }

    public sealed class RegisterInput
    {
        [Display(Name = "Invitation.GivenName")]
        public string? GivenName { get; set; }

        [Display(Name = "Invitation.FamilyName")]
        public string? FamilyName { get; set; }

        [Required(ErrorMessage = "Validation.Required")]
        [DataType(DataType.Password)]
        [Display(Name = "ChangePassword.New")]
        public string Password { get; set; } = "";

        [Required(ErrorMessage = "Validation.Required")]
        [DataType(DataType.Password)]
        [Display(Name = "Invitation.ConfirmPassword")]
        public string ConfirmPassword { get; set; } = "";
    }
}
