using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Reciproca.Web.Features.Assessments;
using Reciproca.Web.Features.Pairs;
using Reciproca.Web.Features.Programmes;
using Reciproca.Web.Infrastructure.Auth;
using Reciproca.Web.Infrastructure.Data;
using Reciproca.Web.Infrastructure.Web;

namespace Reciproca.Web.Features.Matching;

/// <summary>
/// HR's review of a programme's matching: run, read the draft with its explanations both ways, lock or exclude
/// pairs, ask about any pair, re-run, publish.
/// </summary>
public sealed class ReviewModel(
    MatchingHandlers matching,
    Pairs.PairHandlers pairs,
    ProgrammeAccess access,
    ReviewQuery review,
    DigCompCatalogue digComp,
    IStringLocalizer<SharedResource> localizer) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    [BindProperty(SupportsGet = true)]
    public Guid? AskDigital { get; set; }

    [BindProperty(SupportsGet = true)]
    public Guid? AskExperience { get; set; }

    public string ProgrammeName { get; private set; } = "";

    public MatchingRunView? Run { get; private set; }

    public PairEvaluationView? Asked { get; private set; }

    public IReadOnlyList<SetConstraint> Constraints { get; private set; } = [];

    public IReadOnlyDictionary<Guid, string> Names { get; private set; } = new Dictionary<Guid, string>();

    public IReadOnlyList<(Guid Id, string Name)> DigitalMentors { get; private set; } = [];

    public IReadOnlyList<(Guid Id, string Name)> ExperienceMentors { get; private set; } = [];

    public ExplanationText Text { get; private set; } = null!;

    /// <summary>The published pairs with their state; a decline shows its reason here, for HR to rematch.</summary>
    public IReadOnlyList<Pairs.PairView> Published { get; private set; } = [];

    public IReadOnlyDictionary<Guid, string?> DeclineReasons { get; private set; } = new Dictionary<Guid, string?>();

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!await access.CanManageAsync(this.Actor, Id, cancellationToken))
        {
            return NotFound();
        }

        await LoadAsync(cancellationToken);
        if (Run is not null && AskDigital is { } digital && AskExperience is { } experience)
        {
            var asked = await matching.ExplainAsync(Id, Run.Id, digital, experience, this.Actor, cancellationToken);
            if (asked.Succeeded)
            {
                Asked = asked.Value;
            }
            else
            {
                ModelState.AddProblem(asked.Problem!, "Ask");
            }
        }

        return Page();
    }

    public async Task<IActionResult> OnPostRunAsync(CancellationToken cancellationToken) =>
        await AfterAsync(await matching.RunAsync(Id, this.Actor, cancellationToken), "Matching.RunDone", cancellationToken);

    public async Task<IActionResult> OnPostConstraintAsync(Guid digitalMentorId, Guid experienceMentorId, ConstraintKind kind, CancellationToken cancellationToken) =>
        await AfterAsync(await matching.SetConstraintAsync(Id, new SetConstraint(digitalMentorId, experienceMentorId, kind), this.Actor, cancellationToken), kind == ConstraintKind.Lock ? "Matching.Locked" : "Matching.Excluded", cancellationToken);

    public async Task<IActionResult> OnPostRemoveConstraintAsync(Guid digitalMentorId, Guid experienceMentorId, CancellationToken cancellationToken) =>
        await AfterAsync(await matching.RemoveConstraintAsync(Id, digitalMentorId, experienceMentorId, this.Actor, cancellationToken), "Matching.ConstraintRemoved", cancellationToken);

    public async Task<IActionResult> OnPostPublishAsync(Guid runId, CancellationToken cancellationToken) =>
        await AfterAsync(await matching.PublishAsync(Id, runId, this.Actor, cancellationToken), "Matching.Published", cancellationToken);

    private Task<IActionResult> AfterAsync<T>(Result<T> result, string doneKey, CancellationToken cancellationToken) =>
        this.AnswerAsync(result, localizer[doneKey].Value, new { id = Id }, "Matching", async () =>
        {
            await LoadAsync(cancellationToken);
            return true;
        });

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var data = await review.LoadAsync(Id, cancellationToken);
        (ProgrammeName, Names, DigitalMentors, ExperienceMentors, DeclineReasons) = (data.ProgrammeName, data.Names, data.DigitalMentors, data.ExperienceMentors, data.DeclineReasons);
        Run = await matching.LatestAsync(Id, cancellationToken);
        Constraints = await matching.ConstraintsAsync(Id, cancellationToken);
        var published = await pairs.ListAsync(Id, this.Actor, cancellationToken);
        Published = published.Succeeded ? published.Value! : [];
        Text = new ExplanationText(digComp, data.Topics, localizer);
    }

    public string NameOf(Guid id) => Names.TryGetValue(id, out var name) ? name : id.ToString();
}
