using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Reciproca.Web.Infrastructure.Auth;

namespace Reciproca.Web.Features.Programmes;

public sealed class IndexModel(ProgrammeHandlers handlers, ApplicationHandlers applications, IStringLocalizer<SharedResource> localizer) : PageModel
{
    public IReadOnlyList<ProgrammeView> Programmes { get; private set; } = [];

    public IReadOnlyList<(Guid Id, string Name, DateOnly StartsOn)> Open { get; private set; } = [];

    public bool CanCreate => User.IsInRole(Roles.Administrator) || User.IsInRole(Roles.ProgrammeManager);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Programmes = await handlers.ListAsync(this.Actor, cancellationToken);
        Open = await applications.OpenAsync(this.Actor, cancellationToken);
    }

    public async Task<IActionResult> OnPostApplyAsync(Guid programmeId, CancellationToken cancellationToken)
    {
        var result = await applications.ApplyAsync(programmeId, this.Actor, cancellationToken);
        if (!result.Succeeded)
        {
            return NotFound();
        }

        TempData["Flash"] = localizer["Apply.Sent"].Value;
        return RedirectToPage();
    }
}
