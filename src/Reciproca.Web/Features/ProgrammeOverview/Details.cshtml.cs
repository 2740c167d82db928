using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Reciproca.Web.Features.Assessments;
using Reciproca.Web.Features.Invitations;
using Reciproca.Web.Features.People;
using Reciproca.Web.Features.Programmes;
using Reciproca.Web.Infrastructure.Auth;
using Reciproca.Web.Infrastructure.Web;
using Reciproca.Web.Infrastructure.Web.Localization;

namespace Reciproca.Web.Features.ProgrammeOverview;

/// <summary>
/// A programme's page. HR sees the cohort with assessment progress, enrols people from the directory, invites by
/// e-mail and reminds to assess; a participant sees the readiness checklist and their own assessment.
/// </summary>
/// <remarks>
/// The page composes several slices (programmes, people, invitations, assessments) through their handlers, so it lives
/// in a folder of its own that depends on them and that none of them depends on (its address stays
/// <c>/Programmes/Details/{id}</c>).
/// </remarks>
public sealed class DetailsModel(
    ProgrammeHandlers handlers,
    ProgrammeAccess access,
    EnrolParticipantsHandler enrolment,
    InvitationHandlers invitations,
    PeopleQuery people,
    ApplicationHandlers applications,
    ProgrammeProgressQuery progress,
    SubmitAssessmentHandler assessments,
    IStringLocalizer<SharedResource> localizer) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Search { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Department { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Generation { get; set; }

    [BindProperty]
    public List<Guid> Selected { get; set; } = [];

    public ProgrammeView Programme { get; private set; } = null!;

    public bool CanManage { get; private set; }

    public IReadOnlyList<ParticipantView> Participants { get; private set; } = [];

    public IReadOnlyList<InvitationView> Invitations { get; private set; } = [];

    [BindProperty]
    public InviteForm Invite { get; set; } = new();

    public IReadOnlyList<PersonSummary> Candidates { get; private set; } = [];

    public int CandidateTotal { get; private set; }

    public IReadOnlyList<string> Departments { get; private set; } = [];

    public Participant? Me { get; private set; }

    public bool MeAssessed { get; private set; }

    /// <summary>The stage, next steps and programme-level figures (everyone who sees the programme may read them).</summary>
    public ProgrammeProgressView Progress { get; private set; } = null!;

    /// <summary>The participant saved a draft: their button continues it.</summary>
    public bool MeHasDraft { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) =>
        await LoadAsync(cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostEnrolAsync(CancellationToken cancellationToken)
    {
        var result = await enrolment.HandleAsync(Id, new EnrolParticipants(Selected), this.Actor, cancellationToken);
        return await AnswerAsync(result, localizer.Count("Programmes.Enrolled", Selected.Count).Value, "Enrol", cancellationToken);
    }

    public async Task<IActionResult> OnPostApproveAsync(Guid personId, CancellationToken cancellationToken) =>
        await AnswerAsync(await applications.ApproveAsync(Id, personId, this.Actor, cancellationToken), localizer["Apply.Approved"].Value, "Cohort", cancellationToken);

    public async Task<IActionResult> OnPostSideAsync(Guid personId, Side? side, CancellationToken cancellationToken) =>
        await AnswerAsync(await applications.OverrideSideAsync(Id, personId, new OverrideSide(side), this.Actor, cancellationToken), localizer["Programmes.SideSaved"].Value, "Cohort", cancellationToken);

    public async Task<IActionResult> OnPostInviteAsync(CancellationToken cancellationToken)
    {
        var emails = (Invite.Emails ?? "").Split([',', ';', '\n', '\r', ' ', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var result = await invitations.InviteAsync(Id, new InviteByEmail(emails, Invite.Note), this.Actor, cancellationToken);
        return await AnswerAsync(result, localizer.Count("Invite.Sent", emails.Length).Value, "Invite", cancellationToken);
    }

    public async Task<IActionResult> OnPostResendAsync(Guid invitationId, CancellationToken cancellationToken)
    {
        var result = await invitations.ResendAsync(Id, invitationId, this.Actor, cancellationToken);
        return await AnswerAsync(result, result.Succeeded ? localizer["Invite.Resent", result.Value!.Email].Value : "", "Invite", cancellationToken);
    }

    public async Task<IActionResult> OnPostRevokeAsync(Guid invitationId, CancellationToken cancellationToken) =>
        await AnswerAsync(await invitations.RevokeAsync(Id, invitationId, this.Actor, cancellationToken), localizer["Invite.RevokedDone"].Value, "Invite", cancellationToken);

    public async Task<IActionResult> OnPostRemindAsync([FromServices] AssessmentReminderHandler reminders, CancellationToken cancellationToken)
    {
        var result = await reminders.RemindAsync(Id, this.Actor, cancellationToken);
        var flash = result.Value is { } done ? RemindedText(done) : "";
        return await AnswerAsync(result, flash, "Cohort", cancellationToken);
    }

    // One sentence per count, each reading right with 1 and with many; the counts that are zero say nothing worth reading.
    private string RemindedText(ReminderOutcome done)
    {
        List<string> sentences = [done.Reminded == 0 ? localizer["Remind.SentNone"] : localizer.Count("Remind.Sent", done.Reminded)];
        if (done.RemindedRecently > 0)
        {
            sentences.Add(localizer.Count("Remind.Recent", done.RemindedRecently));
        }

        if (done.WithoutEmail > 0)
        {
            sentences.Add(localizer.Count("Remind.NoEmail", done.WithoutEmail));
        }

        return string.Join(" ", sentences);
    }

    private Task<IActionResult> AnswerAsync<T>(Result<T> result, string flash, string errorPrefix, CancellationToken cancellationToken) =>
        this.AnswerAsync(result, flash, new { id = Id }, errorPrefix, () => LoadAsync(cancellationToken));

    public async Task<IActionResult> OnPostReadyAsync(CancellationToken cancellationToken) =>
        (await applications.ConfirmReadyAsync(Id, this.Actor, cancellationToken)).Succeeded ? RedirectToPage(new { id = Id }) : NotFound();

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        var programme = await handlers.GetAsync(Id, this.Actor, cancellationToken);
        if (!programme.Succeeded)
        {
            return false;
        }

        Programme = programme.Value!;
        CanManage = await access.CanManageAsync(this.Actor, Id, cancellationToken);
        if (CanManage)
        {
            Participants = await enrolment.ListAsync(Id, cancellationToken);
            Invitations = await invitations.ListAsync(Id, cancellationToken);
            var enrolled = Participants.Select(p => p.PersonId).ToHashSet();
            var page = await people.ListAsync(new ListPeople(1, 200, Search, Department, Generation), cancellationToken);
            Candidates = [.. page.Items.Where(p => !enrolled.Contains(p.Id)).Take(50)];
            CandidateTotal = page.Total;
            Departments = await people.DepartmentsAsync(cancellationToken);
        }

        Me = await applications.MineAsync(Id, this.Actor, cancellationToken);
        MeAssessed = Me?.HasAssessed() ?? false;
        MeHasDraft = Me is not null && !MeAssessed && await assessments.HasDraftAsync(Me.Id, cancellationToken);
        Progress = (await progress.ForAsync(Id, cancellationToken))!;
        return true;
    }

    public sealed class InviteForm
    {
        [Display(Name = "Invite.Emails")]
        public string? Emails { get; set; }

        [Display(Name = "Invite.Note")]
        public string? Note { get; set; }
    }
}
