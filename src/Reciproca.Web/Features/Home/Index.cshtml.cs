using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Reciproca.Web.Infrastructure.Auth;
using Reciproca.Web.Infrastructure.Data;

namespace Reciproca.Web.Features.Home;

public sealed class IndexModel(AppDbContext db) : PageModel
{
    /// <summary>Shown to HR and administrators only.</summary>
    public int? PeopleCount { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        if (User.IsInRole(Roles.Administrator) || User.IsInRole(Roles.ProgrammeManager))
        {
            PeopleCount = await db.People.CountAsync(cancellationToken);
        }
    }
}
