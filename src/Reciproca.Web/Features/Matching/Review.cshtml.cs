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
using Reciproca.Web.Infrastructure.Web.Localization;

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

    /// <summary>Publishing is a second step: this shows what it will do, and asks HR to confirm it.</summary>
    [BindProperty(SupportsGet = true)]
    public bool ConfirmPublish { get; set; }

    public PublishPreview? Preview { get; private set; }

    public Programmes.MatchingRules Rules { get; private set; } = new();

    /// <summary>HR's locks or exclusions changed since the draft was made: it no longer reflects them.</summary>
    public bool ChangedSinceRun { get; private set; }

    /// <summary>The sentence confirming the last action, and the element it belongs to (the reader's place).</summary>
    public (string Text, string At)? Status { get; private set; }

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
        if (TempData[StatusKey] is string text && TempData[StatusAtKey] is string at)
        {
            Status = (text, at);
        }

        if (ConfirmPublish && Run is { Published: false })
        {
            var preview = await matching.PreviewPublishAsync(Id, Run.Id, this.Actor, cancellationToken);
            Preview = preview.Succeeded ? preview.Value : null;
        }

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
        await AfterAsync(await matching.RunAsync(Id, this.Actor, cancellationToken), _ => Task.FromResult(localizer["Matching.RunDone"].Value), "draft-heading", cancellationToken);

    /// <summary>
    /// Lock or exclude a pair, from its card in the draft (<paramref name="from"/> "pair") or from the answer to a
    /// question about it ("ask"): the reader comes back to that place, with a sentence saying what changed.
    /// </summary>
    public async Task<IActionResult> OnPostConstraintAsync(Guid digitalMentorId, Guid experienceMentorId, ConstraintKind kind, string? from, CancellationToken cancellationToken)
    {
        var result = await matching.SetConstraintAsync(Id, new SetConstraint(digitalMentorId, experienceMentorId, kind), this.Actor, cancellationToken);
        var key = kind == ConstraintKind.Exclude ? "Review.ExcludedSentence"
            : await BelowMinimumAsync(digitalMentorId, experienceMentorId, cancellationToken) ? "Review.LockedBelowMinimumSentence" : "Review.LockedSentence";
        return await AfterAsync(result, _ => SentenceAsync(key, digitalMentorId, experienceMentorId),
            Place(from, digitalMentorId, experienceMentorId), cancellationToken, from == "ask" ? (digitalMentorId, experienceMentorId) : null);
    }

    public async Task<IActionResult> OnPostRemoveConstraintAsync(Guid digitalMentorId, Guid experienceMentorId, string? from, CancellationToken cancellationToken)
    {
        var result = await matching.RemoveConstraintAsync(Id, digitalMentorId, experienceMentorId, this.Actor, cancellationToken);
        return await AfterAsync(result, _ => SentenceAsync("Review.RemovedSentence", digitalMentorId, experienceMentorId),
            Place(from, digitalMentorId, experienceMentorId), cancellationToken, from == "ask" ? (digitalMentorId, experienceMentorId) : null);
    }

    /// <summary>Publishing needs the confirmation step: a post without it (an old form, a double click) shows that step.</summary>
    public async Task<IActionResult> OnPostPublishAsync(Guid runId, bool confirmed, CancellationToken cancellationToken)
    {
        if (!confirmed)
        {
            return RedirectToPage(null, null, new { id = Id, confirmPublish = "true" }, "publish-confirm");
        }

        return await AfterAsync(await matching.PublishAsync(Id, runId, this.Actor, cancellationToken), outcome => Task.FromResult(localizer.Count("Review.PublishedSentence", outcome.Published).Value), "pairs-heading", cancellationToken);
    }

    private const string StatusKey = "Review.Status";
    private const string StatusAtKey = "Review.StatusAt";

    /// <summary>The card of a pair in the draft, the answer about a pair, or the list of locks and exclusions.</summary>
    public static string PairAnchor(Guid digitalMentorId, Guid experienceMentorId) => $"pair-{digitalMentorId:N}-{experienceMentorId:N}";

    private string Place(string? from, Guid digitalMentorId, Guid experienceMentorId) => from switch
    {
        "pair" => PairAnchor(digitalMentorId, experienceMentorId),
        "ask" => "asked",
        _ => "constraints-heading",
    };

    /// <summary>Whether a pair HR locks scores below the programme's minimum: the sentence then repeats the warning.</summary>
    private async Task<bool> BelowMinimumAsync(Guid digitalMentorId, Guid experienceMentorId, CancellationToken cancellationToken)
    {
        if (await matching.LatestAsync(Id, cancellationToken) is not { } run)
        {
            return false;
        }

        var evaluation = await matching.ExplainAsync(Id, run.Id, digitalMentorId, experienceMentorId, this.Actor, cancellationToken);
        return evaluation.Succeeded && evaluation.Value!.ForbiddenBy == nameof(Reciproca.Matching.Scoring.RuleCode.BelowMinimumScore);
    }

    private async Task<string> SentenceAsync(string key, Guid digitalMentorId, Guid experienceMentorId)
    {
        var names = await review.NamesAsync(Id, [digitalMentorId, experienceMentorId], HttpContext.RequestAborted);
        return localizer[key, names.GetValueOrDefault(digitalMentorId, ""), names.GetValueOrDefault(experienceMentorId, "")];
    }

    /// <summary>
    /// Post, redirect, get back to the place the reader acted from (the URL's fragment), with the confirming sentence
    /// shown there; a refused command stays on the page with the reason.
    /// </summary>
    private async Task<IActionResult> AfterAsync<T>(Result<T> result, Func<T, Task<string>> done, string place, CancellationToken cancellationToken, (Guid Digital, Guid Experience)? asked = null)
    {
        if (result.Succeeded)
        {
            TempData[StatusKey] = await done(result.Value!);
            TempData[StatusAtKey] = place;
            object route = asked is { } pair ? new { id = Id, askDigital = pair.Digital, askExperience = pair.Experience } : new { id = Id };
            return RedirectToPage(null, null, route, place);
        }

        if (result.Problem!.Kind is ProblemKind.NotFound or ProblemKind.Forbidden)
        {
            return NotFound();
        }

        ModelState.AddProblem(result.Problem, "Matching");
        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var data = await review.LoadAsync(Id, cancellationToken);
        (ProgrammeName, Names, DigitalMentors, ExperienceMentors, DeclineReasons) = (data.ProgrammeName, data.Names, data.DigitalMentors, data.ExperienceMentors, data.DeclineReasons);
        Run = await matching.LatestAsync(Id, cancellationToken);
        Constraints = await matching.ConstraintsAsync(Id, cancellationToken);
        var published = await pairs.ListAsync(Id, this.Actor, cancellationToken);
        Published = published.Succeeded ? published.Value! : [];
        Text = new ExplanationText(digComp, data.Topics, localizer);
        Rules = data.Rules;
        ChangedSinceRun = Run is { Published: false } run
            && await matching.ConstraintsChangedSinceAsync(Id, run.CreatedUtc, [.. run.Proposals.Where(p => p.Locked).Select(p => (p.DigitalMentorId, p.ExperienceMentorId))], cancellationToken);
    }

    public SetConstraint? ConstraintOn(Guid digitalMentorId, Guid experienceMentorId) =>
        Constraints.FirstOrDefault(c => c.DigitalMentorId == digitalMentorId && c.ExperienceMentorId == experienceMentorId);

    /// <summary>A score as a share of a perfect reciprocal score (bonuses can take it above 100 %).</summary>
    public static string PercentOfPerfect(long score) => ExplanationText.Percent((int)Math.Min(int.MaxValue, score));

    public string NameOf(Guid id) => Names.TryGetValue(id, out var name) ? name : id.ToString();
}
