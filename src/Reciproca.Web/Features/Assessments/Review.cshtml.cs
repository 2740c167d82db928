using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Reciproca.Web.Features.Programmes;
using Reciproca.Web.Infrastructure.Auth;
using Reciproca.Web.Infrastructure.Data;
using Reciproca.Web.Infrastructure.Web;

namespace Reciproca.Web.Features.Assessments;

/// <summary>
/// The summary before submitting: the saved ratings, wishes, offers, languages and availability, each part with a
/// link back to it, what is still missing, and the button that submits (the same handler as the API, submit = true).
/// </summary>
public sealed class ReviewModel(AppDbContext db, DigCompCatalogue digComp, SubmitAssessmentHandler handler, IStringLocalizer<SharedResource> localizer) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid ProgrammeId { get; set; }

    public string ProgrammeName { get; private set; } = "";

    public Assessment Assessment { get; private set; } = null!;

    public IReadOnlyList<MissingItem> Missing { get; private set; } = [];

    public IReadOnlyList<DigCompArea> Areas { get; private set; } = [];

    public IReadOnlyList<DigCompCompetence> Competences { get; private set; } = [];

    public IReadOnlyDictionary<int, DigCompLevel> LevelDescriptions { get; private set; } = new Dictionary<int, DigCompLevel>();

    public IReadOnlyDictionary<string, string> TopicNames { get; private set; } = new Dictionary<string, string>();

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var participant = await MeAsync(cancellationToken);
        if (participant is null)
        {
            return NotFound();
        }

        return await LoadAsync(participant, cancellationToken) ? Page() : Redirect($"/Assessments/Edit/{ProgrammeId}");
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var participant = await MeAsync(cancellationToken);
        if (participant is null)
        {
            return NotFound();
        }

        if (!await LoadAsync(participant, cancellationToken))
        {
            return Redirect($"/Assessments/Edit/{ProgrammeId}");
        }

        var stored = Assessment;
        var command = new SubmitAssessment(
            stored.Levels.ToDictionary(l => l.CompetenceId, l => l.Level), stored.WantedCompetences, stored.OfferedTopics, stored.WantedTopics,
            stored.Languages, stored.Availability, Submit: true);
        var result = await handler.HandleAsync(ProgrammeId, participant.PersonId, command, this.Actor, cancellationToken);
        if (!result.Succeeded)
        {
            ModelState.AddProblem(result.Problem!, "Assessment");
            return Page();
        }

        TempData["Flash"] = localizer["Assessment.SubmittedFlash"].Value;
        return Redirect($"/Programmes/Details/{ProgrammeId}");
    }

    /// <summary>Where on the assessment page a missing item is put right.</summary>
    public string EditLink(string anchor) => $"/Assessments/Edit/{ProgrammeId}#{anchor}";

    public string EditLink(MissingItem item) => item.Key switch
    {
        AssessmentCompleteness.Wishes => EditLink("topics"),
        AssessmentCompleteness.Languages => EditLink("languages"),
        _ => EditLink(EditModel.GroupId(item.Key)),
    };

    private async Task<Participant?> MeAsync(CancellationToken cancellationToken)
    {
        var personId = this.Actor.PersonId;
        return personId is null
            ? null
            : await db.Participants.AsNoTracking().SingleOrDefaultAsync(p => p.ProgrammeId == ProgrammeId && p.PersonId == personId && p.Status == ParticipantStatus.Enrolled, cancellationToken);
    }

    private async Task<bool> LoadAsync(Participant participant, CancellationToken cancellationToken)
    {
        var assessment = await db.Assessments.AsNoTracking().Include(a => a.Levels).SingleOrDefaultAsync(a => a.ParticipantId == participant.Id, cancellationToken);
        if (assessment is null)
        {
            return false;
        }

        var culture = CultureInfo.CurrentUICulture;
        assessment.Languages = LanguageCatalogue.Normalise(assessment.Languages);
        Assessment = assessment;
        ProgrammeName = await db.Programmes.Where(p => p.Id == ProgrammeId).Select(p => p.Name).SingleAsync(cancellationToken);
        Areas = digComp.Areas(culture);
        Competences = digComp.Competences(culture);
        LevelDescriptions = digComp.Levels(culture).ToDictionary(l => l.Level);
        var topics = await db.ExperienceTopics.AsNoTracking().ToListAsync(cancellationToken);
        TopicNames = topics.ToDictionary(t => t.Key, t => t.Name(culture));
        Missing = AssessmentCompleteness.Missing(assessment, digComp, localizer, culture);
        return true;
    }
}
