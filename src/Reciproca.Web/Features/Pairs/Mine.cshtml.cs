using System.ComponentModel.DataAnnotations;
using System.Globalization;
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
public sealed class MineModel(PairHandlers pairs, PactHandlers pacts, PartnerHandlers partners, AppDbContext db, DigCompCatalogue digComp, IStringLocalizer<SharedResource> localizer) : PageModel
{
    public const int EmptyGoalRows = 2;

    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    /// <summary>The pair shown, when the participant has several in the programme (capacities above one): <c>?pair=</c>.</summary>
    [BindProperty(SupportsGet = true, Name = "pair")]
    public Guid? PairId { get; set; }

    public PairView? Pair { get; private set; }

    /// <summary>All the participant's pairs in the programme, open ones first: more than one when capacities allow it.</summary>
    public IReadOnlyList<PairView> MyPairs { get; private set; } = [];

    public PactView? Pact { get; private set; }

    public bool IAmDigitalMentor { get; private set; }

    public string ProgrammeName { get; private set; } = "";

    public ExplanationText Text { get; private set; } = null!;

    /// <summary>How to reach the partner (the two partners only; null without a pair).</summary>
    public PartnerContactView? Partner { get; private set; }

    public IReadOnlyList<PairEventView> History { get; private set; } = [];

    /// <summary>The tags a goal of each direction may carry, by group, named in the UI language.</summary>
    public IReadOnlyDictionary<GoalDirection, IReadOnlyList<TagGroup>> Tags { get; private set; } = new Dictionary<GoalDirection, IReadOnlyList<TagGroup>>();

    [BindProperty]
    public PactForm Form { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAcceptAsync(Guid pairId, CancellationToken cancellationToken) =>
        await AfterAsync(pairId, await pairs.AcceptAsync(Id, pairId, this.Actor, cancellationToken), "Pairs.AcceptedFlash", cancellationToken);

    public async Task<IActionResult> OnPostDeclineAsync(Guid pairId, string? reason, CancellationToken cancellationToken) =>
        await AfterAsync(pairId, await pairs.DeclineAsync(Id, pairId, new DeclinePair(reason ?? ""), this.Actor, cancellationToken), "Pairs.DeclinedFlash", cancellationToken);

    public async Task<IActionResult> OnPostPactAsync(Guid pairId, CancellationToken cancellationToken)
    {
        // A value that does not even bind (a cadence of "six") must not become the default and be saved: the form
        // comes back with what was typed and the error beside it.
        if (!ModelState.IsValid)
        {
            var posted = Form;
            PairId = pairId;
            if (!await LoadAsync(cancellationToken))
            {
                return NotFound();
            }

            Form = posted;
            return Page();
        }

        return await AfterAsync(pairId, await pacts.WriteAsync(Id, pairId, Form.ToCommand(), Form.Version, this.Actor, cancellationToken), "Pact.SavedFlash", cancellationToken, keepPosted: true);
    }

    public async Task<IActionResult> OnPostSignAsync(Guid pairId, CancellationToken cancellationToken) =>
        await AfterAsync(pairId, await pacts.SignAsync(Id, pairId, Form.Version, this.Actor, cancellationToken), "Pact.SignedFlash", cancellationToken);

    // A failed pact edit shows the form as posted, not as stored; the other commands post no pact, so their failure
    // shows the stored one.
    private Task<IActionResult> AfterAsync<T>(Guid pairId, Result<T> result, string doneKey, CancellationToken cancellationToken, bool keepPosted = false)
    {
        var posted = Form;
        PairId = pairId;
        return this.AnswerAsync(result, localizer[doneKey].Value, new { id = Id, pair = pairId }, "Form", async () =>
        {
            var found = await LoadAsync(cancellationToken);
            if (keepPosted)
            {
                Form = posted;
            }

            return found;
        });
    }

    /// <summary>A language code from the assessment, by its own name ("Italiano", "English"); the code if unknown.</summary>
    public static string LanguageName(string code)
    {
        try
        {
            var culture = CultureInfo.GetCultureInfo(code);
            return culture.ThreeLetterISOLanguageName == "ivl" || string.IsNullOrEmpty(culture.NativeName) || culture.NativeName == code
                ? code
                : culture.TextInfo.ToTitleCase(culture.NativeName);
        }
        catch (CultureNotFoundException)
        {
            return code;
        }
    }

    /// <summary>The sentence of a history event: by state change, and in the first person when the reader did it.</summary>
    public static string EventKey(PairEventView e)
    {
        var what = (e.From, e.To) switch
        {
            (null, PairState.Proposed) => "Published",
            (PairState.Proposed, PairState.Proposed) => "AcceptedFirst",
            (PairState.Agreed, PairState.Accepted) => "PactEdited",
            (_, var to) => to.ToString(),
        };
        return $"MyPair.Event.{what}{(e.ByMe ? ".Me" : "")}";
    }

    /// <summary>The other person of one of the reader's pairs.</summary>
    public string PartnerName(PairView pair) => pair.DigitalMentorId == this.Actor.PersonId ? pair.ExperienceMentorName : pair.DigitalMentorName;

    /// <summary>The name of a tag in the UI language (the id or key itself when it is not in the catalogues).</summary>
    public string TagName(string tag) =>
        Tags.Values.SelectMany(g => g).SelectMany(g => g.Tags).FirstOrDefault(t => t.Key == tag)?.Name ?? tag;

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
        MyPairs = [.. mine.Value!.Where(p => p.DigitalMentorId == personId || p.ExperienceMentorId == personId)
            .OrderBy(p => global::Reciproca.Web.Features.Pairs.Pair.IsOpenState(p.State) ? 0 : 1)];
        Pair = MyPairs.FirstOrDefault(p => p.Id == PairId) ?? MyPairs.FirstOrDefault();
        IAmDigitalMentor = Pair?.DigitalMentorId == personId;
        if (Pair is not null)
        {
            var pact = await pacts.GetAsync(Id, Pair.Id, this.Actor, cancellationToken);
            Pact = pact.Succeeded ? pact.Value : null;
            Form = Pact is null ? PactForm.Empty(programme) : PactForm.From(Pact);
            var partner = await partners.PartnerAsync(Id, Pair.Id, this.Actor, cancellationToken);
            Partner = partner.Succeeded ? partner.Value : null;
            var history = await partners.HistoryAsync(Id, Pair.Id, this.Actor, cancellationToken);
            History = history.Succeeded ? history.Value! : [];
        }

        var topics = await db.ExperienceTopics.AsNoTracking().ToDictionaryAsync(t => t.Key, cancellationToken);
        Text = new ExplanationText(digComp, topics, localizer);
        var culture = CultureInfo.CurrentUICulture;
        var competences = digComp.Competences(culture);
        Tags = new Dictionary<GoalDirection, IReadOnlyList<TagGroup>>
        {
            [GoalDirection.DigitalToExperience] = [.. digComp.Areas(culture).Select(area => new TagGroup(
                area.Name, [.. competences.Where(c => c.Area == area.Id).Select(c => new TagOption(c.Id, $"{c.Id} {c.Name}"))]))],
            [GoalDirection.ExperienceToDigital] = [new TagGroup(localizer["Pact.TagsTopics"],
                [.. topics.Values.Where(t => !t.Archived).OrderBy(t => t.Name(culture), StringComparer.Create(culture, ignoreCase: true)).Select(t => new TagOption(t.Key, t.Name(culture)))])],
        };
        return true;
    }
}

public sealed record TagOption(string Key, string Name);

public sealed record TagGroup(string Name, IReadOnlyList<TagOption> Tags);

/// <summary>The pact form: goals as rows per direction (blank rows are ignored), tags as the picked ids or keys.</summary>
public sealed class PactForm
{
    private static readonly char[] _separators = [',', ';', ' '];

    public List<GoalRow> Goals { get; set; } = [];

    [Display(Name = "Programmes.PlannedSessions")]
    public int CadenceSessions { get; set; } = 6;

    [Display(Name = "Programmes.CadenceWeeks")]
    public int CadenceWeeks { get; set; } = 12;

    [Display(Name = "Pact.CharterAccept")]
    public bool ConfidentialityAccepted { get; set; }

    public Guid? Version { get; set; }

    public sealed class GoalRow
    {
        public GoalDirection Direction { get; set; }

        public string? Text { get; set; }

        /// <summary>DigComp competence ids or topic keys, one per ticked box (a typed list, comma-separated, also works).</summary>
        public List<string> Tags { get; set; } = [];

        public string? Target { get; set; }
    }

    public WritePact ToCommand() => new(
        [.. Goals.Where(g => !string.IsNullOrWhiteSpace(g.Text)).Select(g => new PactGoalInput(
            g.Direction, g.Text!, [.. g.Tags.SelectMany(t => (t ?? "").Split(_separators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).Distinct()], g.Target))],
        CadenceSessions, CadenceWeeks, ConfidentialityAccepted);

    public static PactForm Empty(Programme programme) => WithBlankRows(new PactForm { CadenceSessions = programme.PlannedSessions, CadenceWeeks = programme.CadenceWeeks });

    public static PactForm From(PactView pact) => WithBlankRows(new PactForm
    {
        Goals = [.. pact.Goals.Select(g => new GoalRow { Direction = g.Direction, Text = g.Text, Tags = [.. g.Tags ?? []], Target = g.Target })],
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
