using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Reciproca.Web.Infrastructure.Auth;

namespace Reciproca.Web.Features.Account;

/// <summary>The signed-in person's own display preferences: the text size of every page.</summary>
public sealed class PreferencesModel(UserManager<AppUser> users, SignInManager<AppUser> signIn, IStringLocalizer<SharedResource> localizer) : PageModel
{
    public TextSize TextSize { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        TextSize = user.TextSize;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string? textSize)
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        // Names only: Enum.TryParse would also take "7".
        if (textSize is null || !Enum.GetNames<TextSize>().Contains(textSize, StringComparer.Ordinal))
        {
            ModelState.AddModelError("textSize", localizer["Preferences.UnknownSize"]);
            TextSize = user.TextSize;
            return Page();
        }

        user.TextSize = Enum.Parse<TextSize>(textSize);
        var result = await users.UpdateAsync(user);
        if (!result.Succeeded)
        {
            ModelState.AddModelError(string.Empty, string.Join(" ", result.Errors.Select(e => e.Description)));
            TextSize = user.TextSize;
            return Page();
        }

        // The layout reads the size from the session's claims: refresh them now, not at the next revalidation.
        await signIn.RefreshSignInAsync(user);
        TempData["Flash"] = localizer["Preferences.Saved"].Value;
        return RedirectToPage();
    }
}
