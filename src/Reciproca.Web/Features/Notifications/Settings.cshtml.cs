using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Reciproca.Web.Infrastructure.Auth;
using Reciproca.Web.Infrastructure.Notifications;
using Reciproca.Web.Infrastructure.Web;

namespace Reciproca.Web.Features.Notifications;

/// <summary>
/// Per kind of notification: an e-mail at once, a daily digest, or no e-mail (the centre shows them all). Kinds that
/// always go by e-mail are shown as fixed. The page every e-mail of the notifier links to.
/// </summary>
public sealed class SettingsModel(NotificationCentre centre, IStringLocalizer<SharedResource> localizer) : PageModel
{
    public IReadOnlyList<NotificationSetting> Settings { get; private set; } = [];

    /// <summary>Shown to participants only: HR without a person of the directory has no sessions.</summary>
    public bool CanChooseHourBefore => this.Actor.PersonId is not null;

    [BindProperty]
    [Display(Name = "Notifications.HourBefore")]
    public bool HourBeforeSessions { get; set; }

    /// <summary>The form's choices by kind: <c>choice[PairProposed]=DailyDigest</c>.</summary>
    [BindProperty(Name = "choice")]
    public Dictionary<string, string> Choices { get; set; } = new(StringComparer.Ordinal);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var view = await centre.SettingsAsync(this.Actor, cancellationToken);
        Settings = view.Kinds;
        HourBeforeSessions = view.HourBeforeSessions;
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var current = (await centre.SettingsAsync(this.Actor, cancellationToken)).Kinds;
        var items = new List<NotificationSettingInput>();
        foreach (var setting in current.Where(s => !s.Fixed))
        {
            if (!Choices.TryGetValue(setting.Kind, out var posted))
            {
                continue;
            }

            // Names only: Enum.TryParse would also take "2".
            if (!Enum.GetNames<EmailChoice>().Contains(posted, StringComparer.Ordinal))
            {
                ModelState.AddModelError($"choice[{setting.Kind}]", localizer["Notifications.UnknownChoice"]);
                continue;
            }

            items.Add(new NotificationSettingInput(setting.Kind, Enum.Parse<EmailChoice>(posted)));
        }

        if (!ModelState.IsValid)
        {
            Settings = current;
            return Page();
        }

        var result = await centre.SetSettingsAsync(this.Actor, new SetNotificationSettings(items, CanChooseHourBefore ? HourBeforeSessions : null), cancellationToken);
        return await this.AnswerAsync(result, localizer["Notifications.SettingsSaved"], new { }, "", () =>
        {
            Settings = current;
            return Task.FromResult(true);
        });
    }
}
