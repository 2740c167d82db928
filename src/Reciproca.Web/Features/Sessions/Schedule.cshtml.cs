using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Reciproca.Web.Infrastructure.Auth;
using Reciproca.Web.Infrastructure.Data;
using Reciproca.Web.Infrastructure.Web;
using Reciproca.Web.Infrastructure.Web.Api;

namespace Reciproca.Web.Features.Sessions;

/// <summary>A pair's sessions, for its two partners: schedule one or a series, see them, move or cancel them.</summary>
public sealed class ScheduleModel(SessionHandlers sessions, MeetingLinks meetings, AppDbContext db, TimeProvider clock, IStringLocalizer<SharedResource> localizer) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    [BindProperty(SupportsGet = true)]
    public Guid PairId { get; set; }

    [BindProperty]
    public ScheduleForm Form { get; set; } = new();

    public string PartnerName { get; private set; } = "";

    public bool CanSchedule { get; private set; }

    /// <summary>The reader's own zone (else Europe/Rome): every time on the page is shown in it.</summary>
    public TimeZoneInfo Zone { get; private set; } = SessionClock.Zone(SessionClock.DefaultZone)!;

    public IReadOnlyList<SessionView> Upcoming { get; private set; } = [];

    public IReadOnlyList<SessionView> Past { get; private set; } = [];

    public IReadOnlyList<(Guid Id, string Text)> Goals { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        Form.Date = DateOnly.FromDateTime(SessionClock.ToLocal(clock.GetUtcNow().UtcDateTime.AddDays(7), Zone));
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return await ReloadAsync(cancellationToken);
        }

        // The form's times are the reader's wall-clock times, as the page shows them.
        var result = await sessions.ScheduleAsync(Id, PairId, Form.ToCommand((await ReaderZoneAsync(cancellationToken)).Id), this.Actor, cancellationToken);
        return await AnswerAsync(result, "Sessions.ScheduledFlash", "Form", cancellationToken);
    }

    /// <summary>"Create a meeting link": a fresh Jitsi room in the form, nothing scheduled yet.</summary>
    public async Task<IActionResult> OnPostMeetingLinkAsync(CancellationToken cancellationToken)
    {
        ModelState.Clear();
        Form.Mode = SessionMode.Remote;
        Form.MeetingUrl = meetings.Create();
        return await ReloadAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostMoveAsync(Guid sessionId, Guid version, DateOnly date, TimeOnly time, int duration, SessionScope scope, string? message, CancellationToken cancellationToken)
    {
        var command = new RescheduleSession(date.ToDateTime(time), scope, duration, (await ReaderZoneAsync(cancellationToken)).Id, message);
        return await AnswerAsync(await sessions.RescheduleAsync(Id, PairId, sessionId, command, version, this.Actor, cancellationToken), "Sessions.MovedFlash", "Move", cancellationToken);
    }

    public async Task<IActionResult> OnPostCancelAsync(Guid sessionId, Guid version, SessionScope scope, string? message, CancellationToken cancellationToken) =>
        await AnswerAsync(await sessions.CancelAsync(Id, PairId, sessionId, scope, message, version, this.Actor, cancellationToken), "Sessions.CancelledFlash", "Cancel", cancellationToken);

    public string Local(DateTime utc, string format) => SessionClock.ToLocal(utc, Zone).ToString(format, System.Globalization.CultureInfo.CurrentCulture);

    public string Answer(AttendanceAnswer? answer) => localizer[answer is { } a ? $"Attendance.{a}" : "Attendance.Pending"];

    private Task<IActionResult> AnswerAsync<T>(Result<T> result, string flash, string prefix, CancellationToken cancellationToken) =>
        this.AnswerAsync(result, localizer[flash].Value, new { id = Id, pairId = PairId }, prefix, () => LoadAsync(cancellationToken));

    private async Task<IActionResult> ReloadAsync(CancellationToken cancellationToken)
    {
        var posted = Form;
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        Form = posted;
        return Page();
    }

    private async Task<TimeZoneInfo> ReaderZoneAsync(CancellationToken cancellationToken)
    {
        var personId = this.Actor.PersonId;
        return SessionClock.Zone(await db.People.Where(p => p.Id == personId).Select(p => p.TimeZone).SingleOrDefaultAsync(cancellationToken)) ?? Zone;
    }

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        var actor = this.Actor;
        var pair = await sessions.OwnPairAsync(Id, PairId, actor, cancellationToken);
        if (pair is null)
        {
            return false;
        }

        CanSchedule = SessionHandlers.CanSchedule(pair.State);
        var partnerId = pair.DigitalMentorId == actor.PersonId ? pair.ExperienceMentorId : pair.DigitalMentorId;
        var people = await db.People.AsNoTracking().Where(p => p.Id == partnerId || p.Id == actor.PersonId).Select(p => new { p.Id, p.DisplayName, p.TimeZone }).ToListAsync(cancellationToken);
        PartnerName = people.SingleOrDefault(p => p.Id == partnerId)?.DisplayName ?? "?";
        Zone = SessionClock.Zone(people.SingleOrDefault(p => p.Id == actor.PersonId)?.TimeZone) ?? Zone;
        Goals = [.. (await db.PactGoals.AsNoTracking().Join(db.Pacts.Where(p => p.PairId == pair.Id), g => g.PactId, p => p.Id, (g, _) => new { g.Id, g.Text, g.Direction }).ToListAsync(cancellationToken))
            .OrderBy(g => g.Direction).ThenBy(g => g.Id).Select(g => (g.Id, g.Text))];
        var all = await sessions.ListAsync(Id, PairId, PageRequest.All, actor, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        Upcoming = [.. all.Value!.Items.Where(s => s.EndsUtc >= now)];
        Past = [.. all.Value!.Items.Where(s => s.EndsUtc < now).Reverse()];
        return true;
    }
}

/// <summary>The schedule form: a wall-clock date and time in the reader's zone, and how it repeats.</summary>
public sealed class ScheduleForm
{
    [Display(Name = "Sessions.Date")]
    public DateOnly Date { get; set; }

    [Display(Name = "Sessions.Time")]
    public TimeOnly Time { get; set; } = new(9, 0);

    [Display(Name = "Sessions.Duration")]
    public int DurationMinutes { get; set; } = 60;

    [Display(Name = "Sessions.Mode")]
    public SessionMode Mode { get; set; } = SessionMode.Remote;

    [Display(Name = "Sessions.MeetingUrlLabel")]
    public string? MeetingUrl { get; set; }

    [Display(Name = "Sessions.LocationLabel")]
    public string? Location { get; set; }

    [Display(Name = "Sessions.RepeatEvery")]
    public bool Repeat { get; set; }

    [Display(Name = "Sessions.IntervalWeeks")]
    public int IntervalWeeks { get; set; } = 2;

    /// <summary>"times" or "until".</summary>
    [Display(Name = "Sessions.RepeatEnds")]
    public string RepeatEnd { get; set; } = "times";

    [Display(Name = "Sessions.RepeatTimes")]
    public int? Count { get; set; } = 6;

    [Display(Name = "Sessions.RepeatUntil")]
    public DateOnly? Until { get; set; }

    public List<Guid> GoalIds { get; set; } = [];

    [Display(Name = "Sessions.MessageToPartner")]
    public string? Message { get; set; }

    public ScheduleSession ToCommand(string zone) => new(
        Date.ToDateTime(Time), DurationMinutes, Mode, zone,
        MeetingUrl: Mode == SessionMode.Remote ? MeetingUrl : null,
        Location: Mode == SessionMode.InPerson ? Location : null,
        Recurrence: Repeat ? new SessionRecurrence(IntervalWeeks, RepeatEnd == "until" ? null : Count, RepeatEnd == "until" ? Until : null) : null,
        AgendaGoalIds: GoalIds,
        Message: Message);
}
