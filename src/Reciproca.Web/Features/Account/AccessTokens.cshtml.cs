using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Reciproca.Web.Infrastructure.Auth;
using Reciproca.Web.Infrastructure.Web;

namespace Reciproca.Web.Features.Account;

/// <summary>The signed-in user's API tokens: create one (shown once), see them, revoke them.</summary>
public sealed class AccessTokensModel(PersonalAccessTokens tokens, TimeProvider time, IStringLocalizer<SharedResource> localizer) : PageModel
{
    [BindProperty]
    public NewTokenInput Input { get; set; } = new();

    public IReadOnlyList<AccessTokenRow> Tokens { get; private set; } = [];

    /// <summary>The token just created: on the answer to the creating POST only, never stored or redirected with.</summary>
    public CreatedAccessToken? Created { get; private set; }

    public DateTime Now { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken cancellationToken)
    {
        var result = await tokens.CreateAsync(this.Actor, Input.Name, Input.LifetimeInDays, cancellationToken);
        if (result.Succeeded)
        {
            // Shown in this answer and nowhere else: a redirect would have to carry the token in TempData.
            Created = result.Value;
            Input = new NewTokenInput();
            ModelState.Clear();
        }
        else
        {
            ModelState.AddProblem(result.Problem!, nameof(Input));
        }

        await LoadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(Guid id, CancellationToken cancellationToken)
    {
        var result = await tokens.RevokeAsync(this.Actor, id, cancellationToken);
        return await this.AnswerAsync(result, localizer["Tokens.Revoked"], new { }, nameof(Input), async () =>
        {
            await LoadAsync(cancellationToken);
            return true;
        });
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Now = time.GetUtcNow().UtcDateTime;
        Tokens = await tokens.ListAsync(this.Actor, cancellationToken);
    }

    public sealed class NewTokenInput
    {
        [Display(Name = "Tokens.Name")]
        public string? Name { get; set; }

        [Display(Name = "Tokens.Lifetime")]
        public int LifetimeInDays { get; set; } = 90;
    }
}
