using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Reciproca.Web.Features.Assessments;
using Reciproca.Web.Features.Programmes;
using Reciproca.Web.Infrastructure.Auth;
using Reciproca.Web.Infrastructure.Data;
using Reciproca.Web.Infrastructure.Web;

namespace Reciproca.Web.Features.Pairs;

/// <summary>A participant's pair in a programme: the partner and why, accept or decline, then the pact together.</summary>
public sealed class MineModel(PairHandlers pairs, PactHandlers pacts, AppDbContext db, DigCompCatalogue digComp, IStringLocalizer<SharedResource> localizer) : PageModel
{
    public const int EmptyGoalRows = 2;

    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    public PairView? Pair { get; private set; }

    public PactView? Pact { get; private set; }

    public bool IAmDigitalMentor { get; private set; }

    public string ProgrammeName { get; private set; } = "";

    public ExplanationText Text { get; private set; } = null!;

    [BindProperty]
    public PactForm Form { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAcceptAsync(Guid pairId, CancellationToken cancellationToken) =>
        await AfterAsync(await pairs.AcceptAsync(Id, pairId, this.Actor, cancellationToken), "Pairs.AcceptedFlash", cancellationToken);

    public async Task<IActionResult> OnPostDeclineAsync(Guid pairId, string? reason, CancellationToken cancellationToken) =>
        await AfterAsync(await pairs.DeclineAsync(Id, pairId, new DeclinePair(reason ?? ""), this.Actor, cancellationToken), "Pairs.DeclinedFlash", cancellationToken);

    public async Task<IActionResult> OnPostPactAsync(Guid pairId, CancellationToken cancellationToken) =>
        await AfterAsync(await pacts.WriteAsync(Id, pairId, Form.ToCommand(), Form.Version, this.Actor, cancellationToken), "Pact.SavedFlash", cancellationToken);

    public async Task<IActionResult> OnPostSignAsync(Guid pairId, CancellationToken cancellationToken) =>
        await AfterAsync(await pacts.SignAsync(Id, pairId, Form.Version, this.Actor, cancellationToken), "Pact.SignedFlash", cancellationToken);

    // A failed command shows the form as posted, not as stored.
    private Task<IActionResult> AfterAsync<T>(Result<T> result, string doneKey, CancellationToken cancellationToken)
    {
        var posted = Form;
        return this.AnswerAsync(result, localizer[doneKey].Value, new { id = Id }, "Form", async () =>
        {
            var found = await LoadAsync(cancellationToken);
            Form = posted;
            return found;
        });
    }

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        var mine = await pairs.ListAsync(Id, this.Actor, cancellationToken);
        if (!mine.Succeeded)
        {
            return false;
        }

        var programme = await db.Programmes.AsNoTracking().SingleAsync(p => p.Id == Id, cancellationToken);
        ProgrammeName = programme.Name;
        var personId = this.Actor.PersonId;
        Pair = mine.Value!.Where(p => p.DigitalMentorId == personId || p.ExperienceMentorId == personId)
            .OrderBy(p => global::Reciproca.Web.Features.Pairs.Pair.IsOpenState(p.State) ? 0 : 1).FirstOrDefault();
        IAmDigitalMentor = Pair?.DigitalMentorId == personId;
        if (Pair is not null)
        {
            var pact = await pacts.GetAsync(Id, Pair.Id, this.Actor, cancellationToken);
            Pact = pact.Succeeded ? pact.Value : null;
            Form = Pact is null ? PactForm.Empty(programme) : PactForm.From(Pact);
        }

        var topics = await db.ExperienceTopics.AsNoTracking().ToDictionaryAsync(t => t.Key, cancellationToken);
        Text = new ExplanationText(digComp, topics, localizer);
        return true;
    }
}

/// <summary>The pact form: goals as rows per direction (blank rows are ignored), tags as text.</summary>
public sealed class PactForm
{
    private static readonly char[] _separators = [',', ';', ' '];

    public List<GoalRow> Goals { get; set; } = [];

    public int CadenceSessions { get; set; } = 6;

    public int CadenceWeeks { get; set; } = 12;

    public bool ConfidentialityAccepted { get; set; }

    public Guid? Version { get; set; }

    public sealed class GoalRow
    {
        public GoalDirection Direction { get; set; }

        public string? Text { get; set; }

        public string? Tags { get; set; }

        public string? Target { get; set; }
    }

    public WritePact ToCommand() => new(
        [.. Goals.Where(g => !string.IsNullOrWhiteSpace(g.Text)).Select(g => new PactGoalInput(
            g.Direction, g.Text!, [.. (g.Tags ?? "").Split(_separators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)], g.Target))],
        CadenceSessions, CadenceWeeks, ConfidentialityAccepted);

    public static PactForm Empty(Programme programme) => WithBlankRows(new PactForm { CadenceSessions = programme.PlannedSessions, CadenceWeeks = programme.CadenceWeeks });

    public static PactForm From(PactView pact) => WithBlankRows(new PactForm
    {
        Goals = [.. pact.Goals.Select(g => new GoalRow { Direction = g.Direction, Text = g.Text, Tags = string.Join(", ", g.Tags ?? []), Target = g.Target })],
        CadenceSessions = pact.CadenceSessions,
        CadenceWeeks = pact.CadenceWeeks,
        ConfidentialityAccepted = pact.ConfidentialityAccepted,
        Version = pact.Version,
    });

    private static PactForm WithBlankRows(PactForm form)
    {
        foreach (var direction in Enum.GetValues<GoalDirection>())
        {
            for (var i = 0; i < MineModel.EmptyGoalRows; i++)
            {
                form.Goals.Add(new GoalRow { Direction = direction });
            }
        }

        form.Goals = [.. form.Goals.OrderBy(g => g.Direction)];
        return form;
    }
}
