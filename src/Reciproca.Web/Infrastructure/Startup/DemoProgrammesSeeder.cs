using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Reciproca.Matching.Scoring;
using Reciproca.Web.Features.Assessments;
using Reciproca.Web.Features.Matching;
using Reciproca.Web.Features.Pairs;
using Reciproca.Web.Features.People;
using Reciproca.Web.Features.Programmes;
using Reciproca.Web.Infrastructure.Auth;
using Reciproca.Web.Infrastructure.Data;
using Reciproca.Web.Infrastructure.Web;

namespace Reciproca.Web.Infrastructure.Startup;

/// <summary>
/// Seeds two programmes into the demo organisation, once (only while no programme exists): an upcoming one with
/// every participant assessed and ready, so that a newcomer signed in as HR can press "Run matching"; and a pilot
/// that started six weeks ago, matched by the engine and published, with pacts signed both ways and pairs under way.
/// </summary>
/// <remarks>
/// The history is replayed through the real handlers (create, enrol, assess, run, publish, accept, write and sign
/// the pact) on a clock that walks through the past, so the data obeys the handlers' invariants and carries
/// plausible dates. Everything happens in one transaction: a failure leaves no half-seeded programme behind.
/// </remarks>
internal sealed class DemoProgrammesSeeder(
    AppDbContext db,
    IOptions<DemoOptions> options,
    ProgrammeAccess access,
    DigCompCatalogue digComp,
    IStringLocalizer<SharedResource> localizer,
    StartupReport report,
    TimeProvider time)
{
    private const int SidePerUpcoming = 21;
    private const int SidePerPilot = 6;
    private const string PilotLocation = "Monza";

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.Enabled || await db.Programmes.AnyAsync(cancellationToken))
        {
            return;
        }

        var accounts = await db.Users.AsNoTracking()
            .Where(u => u.UserName == DemoOrganisationSeeder.HrUser || u.UserName == DemoOrganisationSeeder.SponsorUser
                || u.UserName == DemoOrganisationSeeder.JuniorUser || u.UserName == DemoOrganisationSeeder.SeniorUser)
            .ToDictionaryAsync(u => u.UserName!, cancellationToken);
        if (!accounts.TryGetValue(DemoOrganisationSeeder.HrUser, out var hr) || !accounts.TryGetValue(DemoOrganisationSeeder.SponsorUser, out var sponsor))
        {
            return;
        }

        var people = await db.People.AsNoTracking().OrderBy(p => p.ExternalId).ToListAsync(cancellationToken);
        var topics = await db.ExperienceTopics.AsNoTracking().Where(t => !t.Archived).Select(t => t.Key).ToListAsync(cancellationToken);
        var random = new Random(20270111);
        var cast = DemoCast.Choose(people, random, excluded: [hr.PersonId, sponsor.PersonId], accounts.GetValueOrDefault(DemoOrganisationSeeder.JuniorUser), accounts.GetValueOrDefault(DemoOrganisationSeeder.SeniorUser));
        if (cast is null)
        {
            report.Add("Demo programmes: not seeded (the demo organisation is too small for two programmes).");
            return;
        }

        var now = time.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var clock = new ReplayClock();
        var story = new Story(
            db, clock, Principal(hr.Id, Roles.ProgrammeManager, hr.PersonId), sponsor.Id, new DemoAssessments(random, digComp, topics),
            new ProgrammeHandlers(db, access, clock, localizer), new EnrolParticipantsHandler(db, access, clock, localizer),
            new SubmitAssessmentHandler(db, access, digComp, clock, localizer), new MatchingHandlers(db, access, clock, localizer),
            new PairHandlers(db, access, clock, localizer), new PactHandlers(db, digComp, clock, localizer));
        var tmpWatch = System.Diagnostics.Stopwatch.StartNew();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

        var pilotStart = Monday(today.AddDays(-42), forward: false);
        var pilot = await story.PilotAsync(pilotStart, cast.PilotJuniors, cast.PilotSeniors, cancellationToken);
        File.AppendAllText("/tmp/seedtime.txt", $"pilot {tmpWatch.Elapsed.TotalSeconds:F2}\n");
        var upcomingStart = Monday(today.AddDays(42), forward: true);
        var upcoming = await story.UpcomingAsync(upcomingStart, now.AddDays(-20), cast.Juniors, cast.Seniors, cancellationToken);

        await transaction.CommitAsync(cancellationToken);
        File.AppendAllText("/tmp/seedtime.txt", $"{db.Database.ProviderName} {tmpWatch.Elapsed.TotalSeconds:F2}\n");
        report.Add($"Demo programmes: '{upcoming}' (assessed, ready to match), '{pilot}' (pairs under way, pacts signed). TMP {tmpWatch.Elapsed.TotalSeconds:F2}s");
    }

    private static DateOnly Monday(DateOnly day, bool forward)
    {
        var offset = ((int)day.DayOfWeek - (int)DayOfWeek.Monday + 7) % 7;
        return offset == 0 ? day : forward ? day.AddDays(7 - offset) : day.AddDays(-offset);
    }

    private static ClaimsPrincipal Principal(Guid? userId, string role, Guid? personId)
    {
        var claims = new List<Claim> { new(ClaimTypes.Role, role) };
        if (userId is { } user)
        {
            claims.Add(new Claim(ClaimTypes.NameIdentifier, user.ToString()));
        }

        if (personId is { } person)
        {
            claims.Add(new Claim(AppClaimsPrincipalFactory.PersonIdClaim, person.ToString()));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, "DemoSeed"));
    }

    private static T Expect<T>(Result<T> result, string step) =>
        result.Succeeded
            ? result.Value!
            : throw new InvalidOperationException(
                $"Demo programmes: {step} was refused ({result.Problem!.Kind}: {result.Problem.Detail} {string.Join(" ", result.Problem.Errors.SelectMany(e => e.Value))}).");

    /// <summary>The handlers' clock while a programme's history is replayed: time moves only when the story says so.</summary>
    private sealed class ReplayClock : TimeProvider
    {
        public DateTimeOffset Now { get; set; }

        public override DateTimeOffset GetUtcNow() => Now;
    }

    /// <summary>A participant as the seeder acts for them: the demo accounts act as themselves, the others have no account.</summary>
    private sealed record Actor(Person Person, Guid? UserId)
    {
        public ClaimsPrincipal Principal => DemoProgrammesSeeder.Principal(UserId, Roles.Participant, Person.Id);
    }

    /// <summary>The handlers, built on the replay clock, and the steps of each programme's history.</summary>
    private sealed class Story(
        AppDbContext db,
        ReplayClock clock,
        ClaimsPrincipal hr,
        Guid sponsorId,
        DemoAssessments assessments,
        ProgrammeHandlers programmes,
        EnrolParticipantsHandler enrolment,
        SubmitAssessmentHandler assessment,
        MatchingHandlers matching,
        PairHandlers pairHandlers,
        PactHandlers pacts)
    {

        public async Task<string> UpcomingAsync(DateOnly start, DateTimeOffset createdAt, IReadOnlyList<Actor> juniors, IReadOnlyList<Actor> seniors, CancellationToken cancellationToken)
        {
            clock.Now = createdAt;
            var id = await DesignAsync(
                $"Digitale Insieme {start.Year}",
                "Seconda edizione del reverse mentoring di Officine Brianza, aperta a tutte le sedi. I colleghi più giovani " +
                "accompagnano i senior su collaborazione digitale, strumenti condivisi e sicurezza; i senior condividono visione, " +
                "leadership e conoscenza dell'azienda. Sei incontri in dodici settimane, in coppie di reparti diversi.",
                start, cancellationToken);
            await EnrolAndAssessAsync(id, juniors, seniors, TimeSpan.FromHours(6), theme: null, cancellationToken);
            return $"Digitale Insieme {start.Year}";
        }

        public async Task<string> PilotAsync(DateOnly start, IReadOnlyList<Actor> juniors, IReadOnlyList<Actor> seniors, CancellationToken cancellationToken)
        {
            var name = $"Pilota Monza {start.Year}";
            clock.Now = new DateTimeOffset(start.AddDays(-35).ToDateTime(new TimeOnly(8, 30)), TimeSpan.Zero);
            var id = await DesignAsync(
                name,
                "Pilota di reverse mentoring nella sede di Monza: dodici colleghi di generazioni diverse, con un tema, visione e " +
                "leadership. Obiettivo: provare il patto di reciprocità e la cadenza di sei incontri in dodici settimane prima di " +
                "estendere il programma a tutta l'azienda.",
                start, cancellationToken);
            // The pilot was about vision and leadership: every senior offers both, every junior wants one of them.
            await EnrolAndAssessAsync(id, juniors, seniors, TimeSpan.FromHours(5), theme: ["vision", "leadership"], cancellationToken);

            File.AppendAllText("/tmp/seedtime.txt", $"pilot assessed {System.Diagnostics.Stopwatch.GetTimestamp()}\n");
            clock.Now = new DateTimeOffset(start.AddDays(-20).ToDateTime(new TimeOnly(10, 0)), TimeSpan.Zero);
            var run = Expect(await matching.RunAsync(id, hr, cancellationToken), "the pilot's matching run");
            clock.Now = clock.Now.AddHours(2);
            Expect(await matching.PublishAsync(id, run.Id, hr, cancellationToken), "publishing the pilot's pairs");

            File.AppendAllText("/tmp/seedtime.txt", $"pilot published {System.Diagnostics.Stopwatch.GetTimestamp()}\n");
            var actors = juniors.Concat(seniors).ToDictionary(a => a.Person.Id);
            var pairs = await db.Pairs.Where(p => p.ProgrammeId == id).OrderByDescending(p => p.Score).ThenBy(p => p.DigitalMentorId).ToListAsync(cancellationToken);
            for (var i = 0; i < pairs.Count; i++)
            {
                var pair = pairs[i];
                var junior = actors[pair.DigitalMentorId].Principal;
                var senior = actors[pair.ExperienceMentorId].Principal;
                clock.Now = new DateTimeOffset(start.AddDays(-19 + (i % 3)).ToDateTime(new TimeOnly(9, 15 + i)), TimeSpan.Zero);
                Expect(await pairHandlers.AcceptAsync(id, pair.Id, junior, cancellationToken), "a junior's acceptance");
                clock.Now = clock.Now.AddHours(5);
                Expect(await pairHandlers.AcceptAsync(id, pair.Id, senior, cancellationToken), "a senior's acceptance");

                clock.Now = new DateTimeOffset(start.AddDays(-14 + (i % 4)).ToDateTime(new TimeOnly(16, 0)), TimeSpan.Zero);
                var explanation = System.Text.Json.JsonSerializer.Deserialize<PairExplanation>(pair.Explanation, MatchingHandlers.Json)!;
                var written = Expect(await pacts.WriteAsync(id, pair.Id, assessments.Pact(explanation), null, junior, cancellationToken), "writing a pact");
                clock.Now = clock.Now.AddHours(1);
                var signedOnce = Expect(await pacts.SignAsync(id, pair.Id, written.Version, junior, cancellationToken), "the junior's signature");
                clock.Now = clock.Now.AddDays(1);
                Expect(await pacts.SignAsync(id, pair.Id, signedOnce.Version, senior, cancellationToken), "the senior's signature");

                // There is no session log yet: the first session is recorded as the pair's move to Active. The last
                // pair has signed but not met yet, so both states show.
                if (i < pairs.Count - 1)
                {
                    clock.Now = new DateTimeOffset(start.AddDays(2 + i).ToDateTime(new TimeOnly(17, 0)), TimeSpan.Zero);
                    db.PairEvents.Add(new PairEvent { PairId = pair.Id, AtUtc = clock.Now.UtcDateTime, ByUserId = ProgrammeAccess.UserId(hr), From = pair.State, To = PairState.Active, Reason = "first session held" });
                    pair.State = PairState.Active;
                    pair.Version = Guid.NewGuid();
                }
            }

            await db.SaveChangesAsync(cancellationToken);
            return name;
        }

        private async Task<Guid> DesignAsync(string name, string description, DateOnly start, CancellationToken cancellationToken)
        {
            var programme = Expect(await programmes.CreateAsync(new ProgrammeInput(name, description, start, start.AddDays(7 * 12)), hr, cancellationToken), $"creating '{name}'");
            // The sponsor follows the programme's outcomes: a member, but never a reader of a pair's content.
            db.ProgrammeMembers.Add(new ProgrammeMember { ProgrammeId = programme.Id, UserId = sponsorId, Role = ProgrammeAccess.SponsorRole });
            return programme.Id;
        }

        private async Task EnrolAndAssessAsync(Guid id, IReadOnlyList<Actor> juniors, IReadOnlyList<Actor> seniors, TimeSpan step, string[]? theme, CancellationToken cancellationToken)
        {
            clock.Now = clock.Now.AddDays(2);
            var everybody = juniors.Concat(seniors).ToList();
            Expect(await enrolment.HandleAsync(id, new EnrolParticipants([.. everybody.Select(a => a.Person.Id)]), hr, cancellationToken), "enrolment");

            // Alternate the two sides so that the submissions are spread over the days as they would be.
            var order = juniors.Select((a, i) => (Actor: a, Junior: true, Rank: i)).Concat(seniors.Select((a, i) => (Actor: a, Junior: false, Rank: i)))
                .OrderBy(x => x.Rank).ThenBy(x => x.Junior).ToList();
            foreach (var (actor, junior, _) in order)
            {
                clock.Now = clock.Now.Add(step);
                var submission = junior ? assessments.Junior(actor.Person, theme) : assessments.Senior(actor.Person, theme);
                var t0 = System.Diagnostics.Stopwatch.GetTimestamp();
                Expect(await assessment.HandleAsync(id, actor.Person.Id, submission, actor.Principal, cancellationToken), "a self-assessment");
                File.AppendAllText("/tmp/seedtime.txt", $"assess {System.Diagnostics.Stopwatch.GetElapsedTime(t0).TotalMilliseconds:F1} tracked {db.ChangeTracker.Entries().Count()}\n");
            }

            // Everybody has read the preparation checklist before matching (a known success factor of the programmes).
            clock.Now = clock.Now.AddDays(1);
            var participants = await db.Participants.Where(p => p.ProgrammeId == id).ToListAsync(cancellationToken);
            foreach (var participant in participants)
            {
                participant.ReadyUtc ??= clock.Now.UtcDateTime;
                participant.Version = Guid.NewGuid();
            }

            await db.SaveChangesAsync(cancellationToken);
        }
    }

    /// <summary>Who takes part where: a pilot at the Monza site, then the next edition from the whole company.</summary>
    private sealed record DemoCast(List<Actor> PilotJuniors, List<Actor> PilotSeniors, List<Actor> Juniors, List<Actor> Seniors)
    {
        public static DemoCast? Choose(List<Person> people, Random random, Guid?[] excluded, AppUser? juniorAccount, AppUser? seniorAccount)
        {
            var byId = people.ToDictionary(p => p.Id);
            var accounts = new[] { juniorAccount, seniorAccount }.Where(a => a?.PersonId is not null).ToDictionary(a => a!.PersonId!.Value, a => a!.Id);
            var pool = people.Where(p => !excluded.Contains(p.Id)).ToArray();
            random.Shuffle(pool);

            // Gen Z and young Millennials mentor on digital; Boomers and Gen X on experience (the label, not the rule:
            // the side comes from the assessment, which for these people points the same way).
            static bool Young(Person p) => p.BirthYear >= 1993;
            static bool Senior(Person p) => p.BirthYear <= 1975;
            Actor ToActor(Person p) => new(p, accounts.TryGetValue(p.Id, out var user) ? user : null);

            var pilot = pool.Where(p => p.Location == PilotLocation && !accounts.ContainsKey(p.Id)).ToList();
            var pilotJuniors = pilot.Where(Young).Take(SidePerPilot).ToList();
            var pilotSeniors = pilot.Where(Senior).Take(SidePerPilot).ToList();
            var rest = pool.Except(pilotJuniors).Except(pilotSeniors).ToList();

            // A few heads of department next to young people of their own department (two levels below): the draft
            // then shows the reporting-line rule at work.
            bool Reports(Person junior, Person head) =>
                junior.ManagerId is { } m && (m == head.Id || (byId.TryGetValue(m, out var lead) && lead.ManagerId == head.Id));
            var heads = rest.Where(h => Senior(h) && h.ManagerId is not null && rest.Any(j => Young(j) && Reports(j, h))).Take(3).ToList();
            var seniors = Demo(seniorAccount).Concat(heads).Concat(rest.Where(Senior)).Distinct().Take(SidePerUpcoming).ToList();
            var juniors = Demo(juniorAccount).Concat(heads.Select(h => rest.First(j => Young(j) && Reports(j, h)))).Concat(rest.Where(Young)).Distinct().Take(SidePerUpcoming).ToList();

            return pilotJuniors.Count < 2 || pilotSeniors.Count < 2 || juniors.Count < 2 || seniors.Count < 2
                ? null
                : new DemoCast([.. pilotJuniors.Select(ToActor)], [.. pilotSeniors.Select(ToActor)], [.. juniors.Select(ToActor)], [.. seniors.Select(ToActor)]);

            IEnumerable<Person> Demo(AppUser? account) =>
                account?.PersonId is { } id && byId.TryGetValue(id, out var person) && !excluded.Contains(id) ? [person] : [];
        }
    }

    /// <summary>Plausible self-assessments and pacts, in Italian, from one seeded random sequence.</summary>
    private sealed class DemoAssessments(Random random, DigCompCatalogue digComp, IReadOnlyCollection<string> topics)
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
        public SubmitAssessment Junior(Person person, string[]? theme)
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

            return new SubmitAssessment(levels, [], [], Topics(random.Next(1, 4), theme ?? _coreTopics, allOfCore: false), person.Languages, _availability[random.Next(_availability.Length)]);
        }

        /// <summary>An experience mentor: low on collaboration and communication, wanting two or three competences, offering two or three topics.</summary>
        public SubmitAssessment Senior(Person person, string[]? theme)
        {
            var levels = _competences.ToDictionary(c => c, c => c[0] == '2' ? random.Next(1, 4) : random.Next(2, 5));
            var wishes = random.Next(2, 4);
            var collaboration = Math.Min(wishes, random.Next(1, 3));
            var wanted = Pick(_collaboration, collaboration).Concat(Pick(_otherWishes, wishes - collaboration)).ToList();
            var offered = Topics(random.Next(2, 4), theme ?? _coreTopics, allOfCore: theme is not null);
            return new SubmitAssessment(levels, wanted, offered, [], person.Languages, _availability[random.Next(_availability.Length)]);
        }

        /// <summary>The pact a pair writes from what the engine found they can give each other: up to two goals each way.</summary>
        public WritePact Pact(PairExplanation explanation)
        {
            var italian = System.Globalization.CultureInfo.GetCultureInfo("it");
            var competences = explanation.ToSenior.Where(c => c.Value > 0).Select(c => c.Key).Take(2).DefaultIfEmpty("2.4");
            var experience = explanation.ToJunior.Select(c => c.Key).Take(2).DefaultIfEmpty("vision");
            var goals = competences.Select(c => _digitalGoals.TryGetValue(c, out var goal)
                    ? new PactGoalInput(GoalDirection.DigitalToExperience, goal.Text, [c], goal.Target)
                    : new PactGoalInput(GoalDirection.DigitalToExperience, $"Crescere in: {digComp.NameOf(c, italian)}", [c]))
                .Concat(experience.Select(t => _experienceGoals.TryGetValue(t, out var goal)
                    ? new PactGoalInput(GoalDirection.ExperienceToDigital, goal.Text, [t], goal.Target)
                    : new PactGoalInput(GoalDirection.ExperienceToDigital, $"Imparare dall'esperienza del mentor: {t}", [t])));
            return new WritePact([.. goals], CadenceSessions: 6, CadenceWeeks: 12, ConfidentialityAccepted: true);
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
}
