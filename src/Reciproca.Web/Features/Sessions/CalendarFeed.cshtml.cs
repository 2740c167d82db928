using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Reciproca.Web.Infrastructure.Auth;

namespace Reciproca.Web.Features.Sessions;

/// <summary>The private calendar feed: make (or remake) its address, shown once, or revoke it.</summary>
public sealed class CalendarFeedModel(CalendarFeeds feeds, IStringLocalizer<SharedResource> localizer) : PageModel
{
    public bool IsPerson { get; private set; }

    public bool Exists { get; private set; }

    /// <summary>The address just made: the only time it can be shown, since only its hash is kept.</summary>
    public string? NewUrl { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostRegenerateAsync(CancellationToken cancellationToken)
    {
        var result = await feeds.RegenerateAsync(this.Actor, cancellationToken);
        if (!result.Succeeded)
        {
            return NotFound();
        }

        NewUrl = result.Value!.Url;
        await LoadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(CancellationToken cancellationToken)
    {
        if (!(await feeds.RevokeAsync(this.Actor, cancellationToken)).Succeeded)
        {
            return NotFound();
        }

        TempData["Flash"] = localizer["Feed.RevokedFlash"].Value;
        return RedirectToPage();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        IsPerson = this.Actor.PersonId is not null;
        Exists = this.Actor.PersonId is { } personId && await feeds.ExistsAsync(personId, cancellationToken);
    }
}
