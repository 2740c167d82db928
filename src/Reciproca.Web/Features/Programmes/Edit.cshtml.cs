using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Reciproca.Web.Infrastructure.Auth;
using Reciproca.Web.Infrastructure.Web;

namespace Reciproca.Web.Features.Programmes;

public sealed class EditModel(ProgrammeHandlers handlers, ProgrammeAccess access) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    [BindProperty]
    public ProgrammeForm Form { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!await access.CanManageAsync(this.Actor, Id, cancellationToken))
        {
            return NotFound();
        }

        var result = await handlers.GetAsync(Id, this.Actor, cancellationToken);
        if (!result.Succeeded)
        {
            return NotFound();
        }

        Form = ProgrammeForm.From(result.Value!);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!await access.CanManageAsync(this.Actor, Id, cancellationToken))
        {
            return NotFound();
        }

        // A field that did not bind (a date that is no date) would reach the handler as its default, 0001-01-01.
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var result = await handlers.UpdateAsync(Id, Form.ToInput(), Form.Version, this.Actor, cancellationToken);
        if (!result.Succeeded)
        {
            if (result.Problem!.Kind == Infrastructure.Web.ProblemKind.NotFound)
            {
                return NotFound();
            }

            ModelState.AddProblem(result.Problem, nameof(Form));
            return Page();
        }

        return RedirectToPage("/ProgrammeOverview/Details", new { id = Id });
    }
}
