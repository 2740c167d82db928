using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Reciproca.Web.Infrastructure.Auth;
using Reciproca.Web.Infrastructure.Web;

namespace Reciproca.Web.Features.Programmes;

public sealed class CreateModel(ProgrammeHandlers handlers, TimeProvider time) : PageModel
{
    [BindProperty]
    public ProgrammeForm Form { get; set; } = new();

    public void OnGet()
    {
        // A sensible start: next Monday, for the classic six sessions in three months.
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        Form.StartsOn = today.AddDays(((int)DayOfWeek.Monday - (int)today.DayOfWeek + 7) % 7 + 7);
        Form.EndsOn = Form.StartsOn.AddDays(7 * 12 - 3);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        // A field that did not bind (a start date that is no date) would reach the handler as its default, 0001-01-01.
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var result = await handlers.CreateAsync(Form.ToInput(), this.Actor, cancellationToken);
        if (!result.Succeeded)
        {
            ModelState.AddProblem(result.Problem!, nameof(Form));
            return Page();
        }

        return RedirectToPage("/ProgrammeOverview/Details", new { id = result.Value!.Id });
    }
}
