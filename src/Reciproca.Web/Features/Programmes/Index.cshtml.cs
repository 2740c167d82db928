using Microsoft.AspNetCore.Mvc.RazorPages;
using Reciproca.Web.Infrastructure.Auth;

namespace Reciproca.Web.Features.Programmes;

public sealed class IndexModel(ProgrammeHandlers handlers) : PageModel
{
    public IReadOnlyList<ProgrammeView> Programmes { get; private set; } = [];

    public bool CanCreate => User.IsInRole(Roles.Administrator) || User.IsInRole(Roles.ProgrammeManager);

    public async Task OnGetAsync(CancellationToken cancellationToken) => Programmes = await handlers.ListAsync(User, cancellationToken);
}
