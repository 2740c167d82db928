using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Reciproca.Web.Features.Assessments;
using Reciproca.Web.Features.Pairs;
using Reciproca.Web.Infrastructure.Auth;
using Reciproca.Web.Infrastructure.Data;
using Reciproca.Web.Infrastructure.Web;
using Reciproca.Web.Infrastructure.Web.Localization;

namespace Reciproca.Web.Features.Matching;

/// <summary>
/// A participant ranks their five best candidates: one select per candidate (rank 1 to 5, or not ranked), usable
/// with the keyboard alone. Always the signed-in person's own list: the page takes no person id.
/// </summary>
public sealed class RankingModel(RankingHandlers rankings, AppDbContext db, DigCompCatalogue digComp, IStringLocalizer<SharedResource> localizer) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    /// <summary>The rank given to each candidate (0 = not ranked), from the form.</summary>
    [BindProperty]
    public Dictionary<Guid, int> Ranks { get; set; } = [];

    public string ProgrammeName { get; private set; } = "";

    public RankingView? View { get; private set; }

    public ExplanationText Text { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) =>
        await LoadAsync(cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var given = Ranks.Where(r => r.Value > 0).ToList();
        if (given.Select(r => r.Value).Distinct().Count() != given.Count)
        {
            ModelState.AddModelError("Ranks", localizer["Ranking.RankTwice"]);
            return await LoadAsync(cancellationToken) ? Page() : NotFound();
        }

        var result = await rankings.SubmitAsync(Id, this.Actor.PersonId ?? Guid.Empty, new SubmitRanking([.. given.OrderBy(r => r.Value).Select(r => r.Key)]), this.Actor, cancellationToken);
        if (result.Succeeded)
        {
            TempData["Ranking.Status"] = localizer.Count("Ranking.Saved", given.Count).Value;
            return RedirectToPage(null, null, new { id = Id }, "ranking-status");
        }

        if (result.Problem!.Kind is ProblemKind.NotFound or ProblemKind.Forbidden)
        {
            return NotFound();
        }

        ModelState.AddProblem(result.Problem, "Ranks");
        return await LoadAsync(cancellationToken) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        if (this.Actor.PersonId is not { } personId)
        {
            return false;
        }

        var result = await rankings.GetAsync(Id, personId, this.Actor, cancellationToken);
        if (!result.Succeeded && result.Problem!.Kind is ProblemKind.NotFound or ProblemKind.Forbidden)
        {
            return false;
        }

        ProgrammeName = await db.Programmes.AsNoTracking().Where(p => p.Id == Id).Select(p => p.Name).SingleAsync(cancellationToken);
        if (result.Succeeded)
        {
            View = result.Value;
        }
        else
        {
            ModelState.AddProblem(result.Problem!, "Ranks");
        }

        Text = new ExplanationText(digComp, await db.ExperienceTopics.AsNoTracking().ToDictionaryAsync(t => t.Key, cancellationToken), localizer);
        return true;
    }
}
