using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Reciproca.Web.Infrastructure.Auth;
using Reciproca.Web.Infrastructure.Web;
using Reciproca.Web.Infrastructure.Web.Api;

namespace Reciproca.Web.Features.Accounts;

/// <summary>Administrators' accounts page: create accounts with their roles, change roles, deactivate and reactivate.</summary>
public sealed class IndexModel(AccountHandlers accounts, IStringLocalizer<SharedResource> localizer) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Search { get; set; }

    [BindProperty]
    public NewAccountInput Input { get; set; } = new();

    public PagedList<AccountView> Accounts { get; private set; } = new(0, 1, 1, []);

    /// <summary>The account just created and its one-time password: on the answer to the creating POST only.</summary>
    public CreatedAccount? Created { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken cancellationToken)
    {
        var result = await accounts.CreateAsync(new CreateAccount(Input.UserName ?? "", Input.DisplayName ?? "", Input.Roles, null), this.Actor, cancellationToken);
        if (result.Succeeded)
        {
            Created = result.Value;
            Input = new NewAccountInput();
            ModelState.Clear();
        }
        else
        {
            ModelState.AddProblem(result.Problem!, nameof(Input));
        }

        await LoadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostRolesAsync(Guid id, List<string> roles, CancellationToken cancellationToken) =>
        await AnswerAsync(await accounts.SetRolesAsync(id, new SetRoles(roles), this.Actor, cancellationToken), "Accounts.RolesSaved", cancellationToken);

    public async Task<IActionResult> OnPostDeactivateAsync(Guid id, CancellationToken cancellationToken) =>
        await AnswerAsync(await accounts.DeactivateAsync(id, this.Actor, cancellationToken), "Accounts.Deactivated", cancellationToken);

    public async Task<IActionResult> OnPostReactivateAsync(Guid id, CancellationToken cancellationToken) =>
        await AnswerAsync(await accounts.ReactivateAsync(id, this.Actor, cancellationToken), "Accounts.Reactivated", cancellationToken);

    public async Task<IActionResult> OnPostSignOutAsync(Guid id, CancellationToken cancellationToken) =>
        await AnswerAsync(await accounts.SignOutEverywhereAsync(id, this.Actor, cancellationToken), "Accounts.SignedOut", cancellationToken);

    private async Task<IActionResult> AnswerAsync<T>(Result<T> result, string flash, CancellationToken cancellationToken) =>
        await this.AnswerAsync(result, localizer[flash], new { Search }, "", async () =>
        {
            await LoadAsync(cancellationToken);
            return true;
        });

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var listed = await accounts.ListAsync(Search, PageRequest.All, this.Actor, cancellationToken);
        Accounts = listed.Value ?? Accounts;
    }

    public sealed class NewAccountInput
    {
        public string? UserName { get; set; }

        public string? DisplayName { get; set; }

        public List<string> Roles { get; set; } = [];
    }
}
