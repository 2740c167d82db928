using System.ComponentModel.DataAnnotations;
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
        var (personId, unknown) = await ResolvePersonAsync(Input.Person, cancellationToken);
        if (unknown)
        {
            ModelState.AddModelError($"{nameof(Input)}.{nameof(Input.Person)}", localizer["Accounts.PersonUnknown", Input.Person!]);
            await LoadAsync(cancellationToken);
            return Page();
        }

        var result = await accounts.CreateAsync(new CreateAccount(Input.UserName ?? "", Input.DisplayName ?? "", Input.Roles, personId), this.Actor, cancellationToken);
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

    /// <summary>Links the account to the person an employee number or e-mail names; an empty one unlinks it.</summary>
    public async Task<IActionResult> OnPostPersonAsync(Guid id, string? person, CancellationToken cancellationToken)
    {
        var (personId, unknown) = await ResolvePersonAsync(person, cancellationToken);
        if (unknown)
        {
            ModelState.AddModelError(string.Empty, localizer["Accounts.PersonUnknown", person!]);
            await LoadAsync(cancellationToken);
            return Page();
        }

        return await AnswerAsync(await accounts.LinkPersonAsync(id, new LinkPerson(personId), this.Actor, cancellationToken), personId is null ? "Accounts.PersonUnlinked" : "Accounts.PersonLinked", cancellationToken);
    }

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

    /// <summary>The person an employee number or e-mail names; nothing typed is no person, a text nobody has is unknown.</summary>
    private async Task<(Guid? PersonId, bool Unknown)> ResolvePersonAsync(string? employeeNumberOrEmail, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(employeeNumberOrEmail))
        {
            return (null, false);
        }

        var found = await accounts.FindPersonAsync(employeeNumberOrEmail, cancellationToken);
        return (found?.Id, found is null);
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var listed = await accounts.ListAsync(Search, PageRequest.All, this.Actor, cancellationToken);
        Accounts = listed.Value ?? Accounts;
    }

    public sealed class NewAccountInput
    {
        [Display(Name = "Accounts.UserName")]
        public string? UserName { get; set; }

        [Display(Name = "Accounts.DisplayName")]
        public string? DisplayName { get; set; }

        [Display(Name = "Accounts.Roles")]
        public List<string> Roles { get; set; } = [];

        [Display(Name = "Accounts.Person")]
        public string? Person { get; set; }
    }
}
