using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Reciproca.Web.Infrastructure.Auth;
using Reciproca.Web.Infrastructure.Data;

namespace Reciproca.Web.Features.Sessions;

/// <summary>The link in an invite: the partner says whether they come, to this session or to the rest of the series.</summary>
public sealed class RespondModel(SessionHandlers sessions, AppDbContext db, IStringLocalizer<SharedResource> localizer) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid SessionId { get; set; }

    public SessionView Session { get; private set; } = null!;

    public Guid ProgrammeId { get; private set; }

    public AttendanceAnswer? MyAnswer { get; private set; }

    public TimeZoneInfo Zone { get; private set; } = SessionClock.Zone(SessionClock.DefaultZone)!;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(AttendanceAnswer answer, bool following, CancellationToken cancellationToken)
    {
        var result = await sessions.AnswerAsync(SessionId, answer, following, this.Actor, cancellationToken);
        if (!result.Succeeded)
        {
            return NotFound();
        }

        TempData["Flash"] = localizer[$"Attendance.{answer}Flash"].Value;
        return RedirectToPage(new { sessionId = SessionId });
    }

    public string Local(DateTime utc) => SessionClock.ToLocal(utc, Zone).ToString("f", System.Globalization.CultureInfo.CurrentCulture);

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        if (await sessions.OwnSessionAsync(SessionId, this.Actor, cancellationToken) is not { } found)
        {
            return false;
        }

        (Session, ProgrammeId) = (found.View, found.ProgrammeId);
        MyAnswer = found.IAmDigitalMentor ? Session.DigitalMentorAnswer : Session.ExperienceMentorAnswer;
        var personId = this.Actor.PersonId;
        Zone = SessionClock.Zone(await db.People.Where(p => p.Id == personId).Select(p => p.TimeZone).SingleOrDefaultAsync(cancellationToken)) ?? SessionClock.Zone(Session.TimeZone) ?? Zone;
        return true;
    }
}
