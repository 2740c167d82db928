using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Reciproca.Web.Infrastructure.Auth;
using Reciproca.Web.Infrastructure.Web;
using Reciproca.Web.Infrastructure.Web.Api;
using Reciproca.Web.Infrastructure.Web.Localization;

namespace Reciproca.Web.Features.Notifications;

/// <summary>The signed-in user's notifications, newest first, a page at a time; mark one or all as read.</summary>
public sealed class IndexModel(NotificationCentre centre, IStringLocalizer<SharedResource> localizer) : PageModel
{
    public const int PageSize = 20;

    public PagedList<NotificationView> Notifications { get; private set; } = new(0, 1, PageSize, []);

    public int Unread { get; private set; }

    public int LastPage => Math.Max(1, (Notifications.Total + PageSize - 1) / PageSize);

    public async Task OnGetAsync(int? p, CancellationToken cancellationToken)
    {
        Notifications = await centre.ListAsync(this.Actor, unreadOnly: false, PageRequest.Of(p, PageSize), cancellationToken);
        Unread = await centre.UnreadCountAsync(this.Actor, cancellationToken);
    }

    public async Task<IActionResult> OnPostReadAsync(Guid id, int? p, CancellationToken cancellationToken)
    {
        var result = await centre.MarkReadAsync(this.Actor, id, cancellationToken);
        return await this.AnswerAsync(result, localizer["Notifications.MarkedRead"], new { p }, "", () => Task.FromResult(false));
    }

    public async Task<IActionResult> OnPostReadAllAsync(CancellationToken cancellationToken)
    {
        var read = await centre.MarkAllReadAsync(this.Actor, cancellationToken);
        TempData["Flash"] = localizer.Count("Notifications.MarkedAllRead", read.Marked).Value;
        return RedirectToPage();
    }
}
