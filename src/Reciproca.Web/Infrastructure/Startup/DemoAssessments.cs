using Reciproca.Matching.Scoring;
using Reciproca.Web.Features.Assessments;
using Reciproca.Web.Features.Pairs;
using Reciproca.Web.Features.People;

namespace Reciproca.Web.Infrastructure.Startup;

/// <summary>Plausible self-assessments and pacts, in Italian, from one seeded random sequence.</summary>
internal sealed class DemoAssessments(Random random, DigCompCatalogue digComp, IReadOnlyCollection<string> topics)
{
    // Seniors mostly ask for help with collaboration and communication (DigComp area 2), sometimes with one more.
    private static readonly string[] _collaboration = ["2.1", "2.2", "2.4", "2.5"];
    private static readonly string[] _otherWishes = ["1.1", "1.3", "3.1", "4.2", "5.2"];

    // Most programmes revolve around a few topics; the first topic of each person comes from these.
    private static readonly string[] _coreTopics = ["vision", "leadership", "specific-objective", "problem-solving"];
    private static readonly string[] _otherTopics =
    [
        "project-management", "stakeholder-management", "organisation-knowledge", "feedback", "career-development",
        "public-speaking", "negotiation", "decision-making",
    ];

    private static readonly string[] _availability =
    [
        "Martedì pomeriggio", "Mercoledì mattina", "Giovedì dopo le 16", "Venerdì mattina, anche da remoto",
        "Lunedì o mercoledì in pausa pranzo", "Martedì e giovedì, prima delle 10",
    ];

    private static readonly Dictionary<string, (string Text, string Target)> _digitalGoals = new()
    {
        ["1.1"] = ("Cercare e filtrare informazioni in rete senza perdersi", "Trovare da solo le fonti del report mensile"),
        ["1.3"] = ("Organizzare dati e documenti nelle cartelle condivise del reparto", "Nessun documento importante solo sul proprio PC"),
        ["2.1"] = ("Usare chat e videochiamate aziendali in autonomia", "Avviare e condurre da solo una videochiamata con il team"),
        ["2.2"] = ("Condividere link a documenti invece degli allegati", "Una settimana senza allegati nelle e-mail interne"),
        ["2.4"] = ("Collaborare su documenti condivisi in tempo reale", "Preparare con il team un documento scritto a più mani"),
        ["2.5"] = ("Scrivere messaggi brevi ed efficaci nei canali del team", "Usare i canali del team per gli aggiornamenti settimanali"),
        ["3.1"] = ("Preparare una presentazione chiara con strumenti digitali", "Presentare il piano del reparto con slide fatte da sé"),
        ["4.2"] = ("Proteggere account e dati: gestore di password e verifica in due passaggi", "Attivare la verifica in due passaggi su tutti gli account di lavoro"),
        ["5.2"] = ("Scegliere lo strumento digitale giusto per un'esigenza del reparto", "Proporre uno strumento per un processo oggi su carta"),
    };

    private static readonly Dictionary<string, (string Text, string Target)> _experienceGoals = new()
    {
        ["vision"] = ("Formulare la visione di un progetto e comunicarla al team", "Presentare in cinque minuti la visione del proprio progetto"),
        ["specific-objective"] = ("Trasformare un'idea in un obiettivo specifico e misurabile", "Scrivere tre obiettivi misurabili per il prossimo trimestre"),
        ["problem-solving"] = ("Affrontare un problema complesso scomponendolo in passi", "Analizzare con il mentor un problema reale del reparto"),
        ["leadership"] = ("Guidare un piccolo gruppo di lavoro senza un ruolo formale", "Coordinare una riunione di progetto dall'inizio alla fine"),
        ["project-management"] = ("Pianificare un progetto con tappe e responsabilità chiare", "Un piano di progetto condiviso con il responsabile"),
        ["feedback"] = ("Dare un feedback costruttivo anche a un collega più esperto", "Chiedere e dare feedback dopo ogni incontro"),
        ["stakeholder-management"] = ("Individuare e coinvolgere gli interlocutori chiave di un progetto", "Una mappa degli stakeholder del proprio progetto"),
        ["negotiation"] = ("Preparare e condurre una trattativa", "Preparare con il mentor una trattativa reale"),
        ["organisation-knowledge"] = ("Capire come si prendono le decisioni in azienda", "Saper spiegare il percorso di approvazione di un investimento"),
        ["career-development"] = ("Costruire un piano di sviluppo professionale", "Un piano di sviluppo a tre anni discusso con il mentor"),
        ["public-speaking"] = ("Parlare con sicurezza davanti alla direzione", "Presentare un aggiornamento alla riunione di direzione"),
        ["decision-making"] = ("Prendere decisioni con informazioni incomplete", "Decidere e motivare una scelta aperta del proprio lavoro"),
    };

    private readonly string[] _competences = [.. digComp.CompetenceIds.Order(StringComparer.Ordinal)];

    /// <summary>A digital mentor: at ease with collaboration tools, strong in a few competences, wanting one to three topics.</summary>
    public Assessment Junior(Person person, string[]? theme)
    {
        var levels = _competences.ToDictionary(c => c, c => c[0] switch
        {
            '2' => random.Next(5, 9),
            '1' or '3' => random.Next(4, 8),
            _ => random.Next(3, 8),
        });
        foreach (var strength in Pick(_competences, 3))
        {
            levels[strength] = random.Next(7, 9);
        }

        return NewAssessment(person, levels, [], [], Topics(random.Next(1, 4), theme ?? _coreTopics, allOfCore: false));
    }

    /// <summary>An experience mentor: low on collaboration and communication, wanting two or three competences, offering two or three topics.</summary>
    public Assessment Senior(Person person, string[]? theme)
    {
        var levels = _competences.ToDictionary(c => c, c => c[0] == '2' ? random.Next(1, 4) : random.Next(2, 5));
        var wishes = random.Next(2, 4);
        var collaboration = Math.Min(wishes, random.Next(1, 3));
        var wanted = Pick(_collaboration, collaboration).Concat(Pick(_otherWishes, wishes - collaboration)).ToList();
        var offered = Topics(random.Next(2, 4), theme ?? _coreTopics, allOfCore: theme is not null);
        return NewAssessment(person, levels, wanted, offered, []);
    }

    /// <summary>
    /// The goals a pair writes from what the engine found they can give each other: up to two each way, tagged with
    /// the DigComp competence or the experience topic (the tags the pact handler accepts).
    /// </summary>
    public IEnumerable<PactGoal> Goals(Guid pactId, PairExplanation explanation)
    {
        var italian = System.Globalization.CultureInfo.GetCultureInfo("it");
        var competences = explanation.ToSenior.Where(c => c.Value > 0).Select(c => c.Key).Take(2).DefaultIfEmpty("2.4");
        var experience = explanation.ToJunior.Select(c => c.Key).Take(2).DefaultIfEmpty("vision");
        foreach (var competence in competences)
        {
            var (text, target) = _digitalGoals.TryGetValue(competence, out var goal) ? goal : ($"Crescere in: {digComp.NameOf(competence, italian)}", "");
            yield return new PactGoal { PactId = pactId, Direction = GoalDirection.DigitalToExperience, Text = text, Tags = [competence], Target = target };
        }

        foreach (var topic in experience)
        {
            var (text, target) = _experienceGoals.TryGetValue(topic, out var goal) ? goal : ($"Imparare dall'esperienza del mentor: {topic}", "");
            yield return new PactGoal { PactId = pactId, Direction = GoalDirection.ExperienceToDigital, Text = text, Tags = [topic], Target = target };
        }
    }

    /// <summary>What SubmitAssessmentHandler stores for a complete submission: all 21 competences rated, catalogue ids, known topics, ISO 639-1 codes.</summary>
    private Assessment NewAssessment(Person person, Dictionary<string, int> levels, List<string> wantedCompetences, List<string> offeredTopics, List<string> wantedTopics)
    {
        var assessment = new Assessment
        {
            WantedCompetences = wantedCompetences,
            OfferedTopics = offeredTopics,
            WantedTopics = wantedTopics,
            Languages = LanguageCatalogue.Normalise(person.Languages),
            Availability = _availability[random.Next(_availability.Length)],
        };
        assessment.Levels.AddRange(levels.Select(l => new AssessmentLevel { AssessmentId = assessment.Id, CompetenceId = l.Key, Level = l.Value }));
        return assessment;
    }

    /// <summary>One topic of the core (or all of a programme's theme, for those who offer it), then others.</summary>
    private List<string> Topics(int count, string[] core, bool allOfCore)
    {
        var available = core.Where(topics.Contains).ToArray();
        var chosen = allOfCore ? [.. available] : Pick(available.Length > 0 ? available : [.. topics], 1);
        var others = _otherTopics.Concat(_coreTopics).Where(t => topics.Contains(t) && !chosen.Contains(t)).Distinct().ToArray();
        chosen.AddRange(Pick(others, count - chosen.Count));
        return chosen;
    }

    private List<string> Pick(string[] from, int count)
    {
        var copy = from.ToArray();
        random.Shuffle(copy);
        return [.. copy.Take(count)];
    }
}
