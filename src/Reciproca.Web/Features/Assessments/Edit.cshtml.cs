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

/// <summary>A participant's own self-assessment for a programme, in their language, one page.</summary>
public sealed class EditModel(AppDbContext db, DigCompCatalogue digComp, SubmitAssessmentHandler handler, IStringLocalizer<SharedResource> localizer) : PageModel
{
    private static readonly char[] _separators = [',', ';', ' '];

    [BindProperty(SupportsGet = true)]
    public Guid ProgrammeId { get; set; }

    [BindProperty]
    public Dictionary<string, int?> Levels { get; set; } = [];

    [BindProperty]
    public List<string> WantedCompetences { get; set; } = [];

    [BindProperty]
    public List<string> OfferedTopics { get; set; } = [];

    [BindProperty]
    public List<string> WantedTopics { get; set; } = [];

    /// <summary>Nullable, so that a cleared field means "no languages", not the binder's implicit "required".</summary>
    [BindProperty]
    public string? Languages { get; set; } = "";

    [BindProperty]
    public string? Availability { get; set; }

    public string ProgrammeName { get; private set; } = "";

    public IReadOnlyList<DigCompArea> Areas { get; private set; } = [];

    public IReadOnlyList<DigCompCompetence> Competences { get; private set; } = [];

    public IReadOnlyList<DigCompLevel> LevelDescriptions { get; private set; } = [];

    public IReadOnlyList<ExperienceTopic> Topics { get; private set; } = [];

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
            Languages = string.Join(", ", assessment.Languages);
            Availability = assessment.Availability;
        }
        else
        {
            var person = await db.People.AsNoTracking().SingleAsync(p => p.Id == participant.PersonId, cancellationToken);
            Languages = string.Join(", ", person.Languages);
        }

        await LoadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var personId = this.Actor.PersonId;
        if (personId is null || await MeAsync(cancellationToken) is null)
        {
            return NotFound();
        }

        // A level that did not bind ("abc") must not be dropped silently: the page shows the error and stores nothing.
        if (!ModelState.IsValid)
        {
            await LoadAsync(cancellationToken);
            return Page();
        }

        var command = new SubmitAssessment(
            Levels.Where(l => l.Value is not null).ToDictionary(l => l.Key, l => l.Value!.Value),
            WantedCompetences, OfferedTopics, WantedTopics,
            [.. (Languages ?? "").Split(_separators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)],
            Availability);
        var result = await handler.HandleAsync(ProgrammeId, personId.Value, command, this.Actor, cancellationToken);
        if (!result.Succeeded)
        {
            ModelState.AddProblem(result.Problem!, "Assessment");
            await LoadAsync(cancellationToken);
            return Page();
        }

        TempData["Flash"] = localizer["Assessment.Saved"].Value;
        return Redirect($"/Programmes/Details/{ProgrammeId}");
    }

    private async Task<Participant?> MeAsync(CancellationToken cancellationToken)
    {
        var personId = this.Actor.PersonId;
        return personId is null
            ? null
            : await db.Participants.AsNoTracking().SingleOrDefaultAsync(p => p.ProgrammeId == ProgrammeId && p.PersonId == personId && p.Status == ParticipantStatus.Enrolled, cancellationToken);
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var culture = CultureInfo.CurrentUICulture;
        ProgrammeName = await db.Programmes.Where(p => p.Id == ProgrammeId).Select(p => p.Name).SingleAsync(cancellationToken);
        Areas = digComp.Areas(culture);
        Competences = digComp.Competences(culture);
        LevelDescriptions = digComp.Levels(culture);
        var topics = await db.ExperienceTopics.AsNoTracking().Where(t => !t.Archived).ToListAsync(cancellationToken);
        Topics = [.. topics.OrderBy(t => t.Name(culture), StringComparer.Create(culture, ignoreCase: true))];
    }
}
