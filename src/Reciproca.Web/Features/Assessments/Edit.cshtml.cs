using System.ComponentModel.DataAnnotations;
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
/// A participant's own self-assessment for a programme, in their language, one page: the 21 competences by area with
/// the level descriptions as choices, wishes and offers, languages from a list, availability. It is saved as a draft
/// (to come back to) or taken to the summary, where it is submitted; a submitted one is changed with "save changes".
/// </summary>
public sealed class EditModel(AppDbContext db, DigCompCatalogue digComp, SubmitAssessmentHandler handler, IStringLocalizer<SharedResource> localizer) : PageModel
{
    public const string DraftAction = "draft";
    public const string ReviewAction = "review";
    public const string SaveAction = "save";

    [BindProperty(SupportsGet = true)]
    public Guid ProgrammeId { get; set; }

    [BindProperty]
    public Dictionary<string, int?> Levels { get; set; } = [];

    [BindProperty]
    [Display(Name = "Assessment.Field.WantedCompetences")]
    public List<string> WantedCompetences { get; set; } = [];

    [BindProperty]
    [Display(Name = "Assessment.Field.OfferedTopics")]
    public List<string> OfferedTopics { get; set; } = [];

    [BindProperty]
    [Display(Name = "Assessment.Field.WantedTopics")]
    public List<string> WantedTopics { get; set; } = [];

    [BindProperty]
    [Display(Name = "Assessment.Languages")]
    public List<string> Languages { get; set; } = [];

    [BindProperty]
    [Display(Name = "Assessment.Availability")]
    public string? Availability { get; set; }

    public string ProgrammeName { get; private set; } = "";

    /// <summary>Null before anything is saved.</summary>
    public AssessmentStatus? Status { get; private set; }

    public IReadOnlyList<MissingItem> Missing { get; private set; } = [];

    public IReadOnlyList<DigCompArea> Areas { get; private set; } = [];

    public IReadOnlyList<DigCompCompetence> Competences { get; private set; } = [];

    public IReadOnlyList<DigCompLevel> LevelDescriptions { get; private set; } = [];

    public IReadOnlyList<ExperienceTopic> Topics { get; private set; } = [];

    public int Rated => Competences.Count(c => Levels.GetValueOrDefault(c.Id) is not null);

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var participant = await MeAsync(cancellationToken);
        if (participant is null)
        {
            return NotFound();
        }

        var assessment = await db.Assessments.AsNoTracking().Include(a => a.Levels).SingleOrDefaultAsync(a => a.ParticipantId == participant.Id, cancellationToken);
        if (assessment is not null)
        {
            Levels = assessment.Levels.ToDictionary(l => l.CompetenceId, l => (int?)l.Level);
            WantedCompetences = assessment.WantedCompetences;
            OfferedTopics = assessment.OfferedTopics;
            WantedTopics = assessment.WantedTopics;
            // Stored before languages were chosen from a list: what maps to a code is ticked, the rest is dropped.
            Languages = LanguageCatalogue.Normalise(assessment.Languages);
            Availability = assessment.Availability;
        }

        if (Languages.Count == 0)
        {
            // The HR export's languages, ticked until the person says otherwise.
            var person = await db.People.AsNoTracking().SingleAsync(p => p.Id == participant.PersonId, cancellationToken);
            Languages = LanguageCatalogue.Normalise(person.Languages);
        }

        await LoadAsync(assessment, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string? step, CancellationToken cancellationToken)
    {
        var personId = this.Actor.PersonId;
        var participant = await MeAsync(cancellationToken);
        if (personId is null || participant is null)
        {
            return NotFound();
        }

        var stored = await db.Assessments.AsNoTracking().SingleOrDefaultAsync(a => a.ParticipantId == participant.Id, cancellationToken);

        // A level that did not bind ("abc") must not be dropped silently: the page shows the error and stores nothing.
        if (!ModelState.IsValid)
        {
            await LoadAsync(stored, cancellationToken);
            return Page();
        }

        // A submitted assessment stays submitted when changed ("save changes" submits again, or says what is missing);
        // a new one or a draft is saved as a draft, and submitted from the summary.
        var submit = step == SaveAction && stored?.Status == AssessmentStatus.Submitted;
        var command = new SubmitAssessment(
            Levels.Where(l => l.Value is not null).ToDictionary(l => l.Key, l => l.Value!.Value),
            WantedCompetences, OfferedTopics, WantedTopics, Languages, Availability, Submit: submit);
        var result = await handler.HandleAsync(ProgrammeId, personId.Value, command, this.Actor, cancellationToken);
        if (!result.Succeeded)
        {
            ModelState.AddProblem(result.Problem!, "Assessment");
            await LoadAsync(stored, cancellationToken);
            return Page();
        }

        if (submit)
        {
            TempData["Flash"] = localizer["Assessment.Saved"].Value;
            return Redirect($"/Programmes/Details/{ProgrammeId}");
        }

        if (step == ReviewAction)
        {
            return Redirect($"/Assessments/Review/{ProgrammeId}");
        }

        TempData["Flash"] = localizer["Assessment.DraftSaved"].Value;
        return Redirect($"/Programmes/Details/{ProgrammeId}");
    }

    /// <summary>The element id of a competence's radio group and of its level choices ("level-2-4", "level-2-4-5").</summary>
    public static string GroupId(string competenceId) => $"level-{competenceId.Replace('.', '-')}";

    private async Task<Participant?> MeAsync(CancellationToken cancellationToken)
    {
        var personId = this.Actor.PersonId;
        return personId is null
            ? null
            : await db.Participants.AsNoTracking().SingleOrDefaultAsync(p => p.ProgrammeId == ProgrammeId && p.PersonId == personId && p.Status == ParticipantStatus.Enrolled, cancellationToken);
    }

    private async Task LoadAsync(Assessment? stored, CancellationToken cancellationToken)
    {
        var culture = CultureInfo.CurrentUICulture;
        ProgrammeName = await db.Programmes.Where(p => p.Id == ProgrammeId).Select(p => p.Name).SingleAsync(cancellationToken);
        Areas = digComp.Areas(culture);
        Competences = digComp.Competences(culture);
        LevelDescriptions = digComp.Levels(culture);
        var topics = await db.ExperienceTopics.AsNoTracking().Where(t => !t.Archived).ToListAsync(cancellationToken);
        Topics = [.. topics.OrderBy(t => t.Name(culture), StringComparer.Create(culture, ignoreCase: true))];
        Status = stored?.Status;
        if (stored is not null)
        {
            Missing = AssessmentCompleteness.Missing(digComp, Levels.Where(l => l.Value is not null).Select(l => l.Key),
                WantedCompetences.Count + OfferedTopics.Count + WantedTopics.Count, Languages.Count, localizer, culture);
        }
    }
}
