using System.Security.Claims;
using System.Text.Json;
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
/// Data entry (design, enrolment, self-assessments, readiness, acceptances, pacts) is written as the handlers would
/// store it, in batches: replaying hundreds of handler calls made the first start seconds slower. The matching run and
/// its publication go through <see cref="MatchingHandlers"/>, so that runs, scores and explanations are the engine's.
/// Dates walk through the past on a replay clock. Everything is one transaction: a failure leaves nothing behind.
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

    // The pilot was about vision and leadership: every senior offers both, every junior wants one of them.
    private static readonly string[] _pilotTheme = ["vision", "leadership"];

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

        var now = time.GetUtcNow().UtcDateTime;
        var today = DateOnly.FromDateTime(now);
        var pilotStart = Monday(today.AddDays(-42), forward: false);
        var upcomingStart = Monday(today.AddDays(42), forward: true);
        var demo = new DemoAssessments(random, digComp, topics);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

        var pilot = Design(
            $"Pilota Monza {pilotStart.Year}",
            "Pilota di reverse mentoring nella sede di Monza: dodici colleghi di generazioni diverse, con un tema, visione e " +
            "leadership. Obiettivo: provare il patto di reciprocità e la cadenza di sei incontri in dodici settimane prima di " +
            "estendere il programma a tutta l'azienda.",
            pilotStart, At(pilotStart, -35, 8), hr.Id, sponsor.Id);
        Enrol(pilot, cast.PilotJuniors, cast.PilotSeniors, demo, _pilotTheme, TimeSpan.FromHours(5));
        var upcoming = Design(
            $"Digitale Insieme {upcomingStart.Year}",
            "Seconda edizione del reverse mentoring di Officine Brianza, aperta a tutte le sedi. I colleghi più giovani " +
            "accompagnano i senior su collaborazione digitale, strumenti condivisi e sicurezza; i senior condividono visione, " +
            "leadership e conoscenza dell'azienda. Sei incontri in dodici settimane, in coppie di reparti diversi.",
            upcomingStart, now.AddDays(-20), hr.Id, sponsor.Id);
        Enrol(upcoming, cast.Juniors, cast.Seniors, demo, theme: null, TimeSpan.FromHours(6));
        await db.SaveChangesAsync(cancellationToken);

        await MatchAndAgreeAsync(pilot, Principal(hr.Id, Roles.ProgrammeManager, hr.PersonId), cast.PilotJuniors.Concat(cast.PilotSeniors), demo, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        report.Add($"Demo programmes: '{upcoming.Name}' (assessed, ready to match), '{pilot.Name}' (pairs under way, pacts signed).");
    }

    /// <summary>What <see cref="ProgrammeHandlers.CreateAsync"/> stores: the programme, validated, with its creator as manager.</summary>
    private Programme Design(string name, string description, DateOnly start, DateTime createdUtc, Guid managerId, Guid sponsorId)
    {
        var input = new ProgrammeInput(name, description, start, start.AddDays(7 * 12), PlannedSessions: 6, CadenceWeeks: 12);
        if (input.Validate(localizer) is { Count: > 0 } errors)
        {
            throw new InvalidOperationException($"Demo programme '{name}' is invalid: {string.Join(" ", errors.SelectMany(e => e.Value))}");
        }

        var programme = new Programme { Name = "", CreatedBy = managerId, CreatedUtc = createdUtc, UpdatedUtc = createdUtc };
        input.ApplyTo(programme);
        db.Programmes.Add(programme);
        db.ProgrammeMembers.Add(new ProgrammeMember { ProgrammeId = programme.Id, UserId = managerId, Role = ProgrammeAccess.ManagerRole });
        // The sponsor follows the programme's outcomes: a member, but never a reader of a pair's content.
        db.ProgrammeMembers.Add(new ProgrammeMember { ProgrammeId = programme.Id, UserId = sponsorId, Role = ProgrammeAccess.SponsorRole });
        return programme;
    }

    /// <summary>
    /// Enrolment two days after the design, then one self-assessment every <paramref name="step"/>, the two sides
    /// alternating, then everybody confirms the preparation checklist (a known success factor) the day after.
    /// </summary>
    private void Enrol(Programme programme, IReadOnlyList<Actor> juniors, IReadOnlyList<Actor> seniors, DemoAssessments demo, string[]? theme, TimeSpan step)
    {
        var enrolled = programme.CreatedUtc.AddDays(2);
        var order = juniors.Select((a, i) => (Actor: a, Junior: true, Rank: i)).Concat(seniors.Select((a, i) => (Actor: a, Junior: false, Rank: i)))
            .OrderBy(x => x.Rank).ThenBy(x => !x.Junior).ToList();
        var ready = enrolled.Add(step * (order.Count + 1)).AddDays(1);
        for (var i = 0; i < order.Count; i++)
        {
            var (actor, junior, _) = order[i];
            var participant = new Participant { ProgrammeId = programme.Id, PersonId = actor.Person.Id, EnrolledUtc = enrolled, ReadyUtc = ready };
            var assessment = junior ? demo.Junior(actor.Person, theme) : demo.Senior(actor.Person, theme);
            assessment.ParticipantId = participant.Id;
            assessment.SubmittedUtc = enrolled.Add(step * (i + 1));
            // As SubmitAssessmentHandler does: the side is proposed from the assessment, never from age.
            participant.ProposedSide = SideProposal.From(assessment);
            db.Participants.Add(participant);
            db.Assessments.Add(assessment);
        }
    }

    /// <summary>
    /// The pilot's run and publication through the handlers, then what each pair did: both accept, the digital mentor
    /// writes the pact from what the engine found they can give each other, both sign, and the first session is held
    /// (there is no session log yet, so it is recorded as the move to Active). The last pair has signed but not met.
    /// </summary>
    private async Task MatchAndAgreeAsync(Programme programme, ClaimsPrincipal hr, IEnumerable<Actor> cast, DemoAssessments demo, CancellationToken cancellationToken)
    {
        var start = programme.StartsOn;
        var clock = new ReplayClock { Now = new DateTimeOffset(At(start, -20, 10), TimeSpan.Zero) };
        // No notifications: the demo replays a past, nobody is told again at every fresh start.
        var matching = new MatchingHandlers(db, access, notifications: null, clock, localizer);
        var run = Expect(await matching.RunAsync(programme.Id, hr, cancellationToken), "the pilot's matching run");
        clock.Now = clock.Now.AddHours(2);
        Expect(await matching.PublishAsync(programme.Id, run.Id, hr, cancellationToken), "publishing the pilot's pairs");

        var users = cast.ToDictionary(a => a.Person.Id, a => a.UserId ?? Guid.Empty);
        var pairs = await db.Pairs.Where(p => p.ProgrammeId == programme.Id).OrderByDescending(p => p.Score).ThenBy(p => p.DigitalMentorId).ToListAsync(cancellationToken);
        for (var i = 0; i < pairs.Count; i++)
        {
            var pair = pairs[i];
            var (junior, senior) = (users[pair.DigitalMentorId], users[pair.ExperienceMentorId]);
            var accepted = At(start, -19 + (i % 3), 9).AddMinutes(15 * i);
            pair.DigitalMentorAcceptedUtc = accepted;
            Move(pair, PairState.Proposed, accepted, junior);
            pair.ExperienceMentorAcceptedUtc = accepted.AddHours(5);
            Move(pair, PairState.Accepted, accepted.AddHours(5), senior);

            var written = At(start, -14 + (i % 4), 16);
            var pact = new Pact
            {
                PairId = pair.Id,
                CadenceSessions = programme.PlannedSessions,
                CadenceWeeks = programme.CadenceWeeks,
                ConfidentialityAccepted = true,
                UpdatedUtc = written,
                UpdatedBy = junior,
                DigitalMentorSignedUtc = written.AddHours(1),
                ExperienceMentorSignedUtc = written.AddDays(1),
            };
            pact.Goals.AddRange(demo.Goals(pact.Id, JsonSerializer.Deserialize<PairExplanation>(pair.Explanation, MatchingHandlers.Json)!));
            db.Pacts.Add(pact);
            Move(pair, PairState.Agreed, written.AddDays(1), senior);

            if (i < pairs.Count - 1)
            {
                Move(pair, PairState.Active, At(start, 2 + i, 17), ProgrammeAccess.UserId(hr), "first session held");
            }

            pair.Version = Guid.NewGuid();
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>A state change with its history row, as the pair and pact handlers record it.</summary>
    private void Move(Pair pair, PairState to, DateTime atUtc, Guid byUserId, string? reason = null)
    {
        db.PairEvents.Add(new PairEvent { PairId = pair.Id, AtUtc = atUtc, ByUserId = byUserId, From = pair.State, To = to, Reason = reason });
        pair.State = to;
    }

    private static DateTime At(DateOnly day, int days, int hour) => day.AddDays(days).ToDateTime(new TimeOnly(hour, 0), DateTimeKind.Utc);

    private static DateOnly Monday(DateOnly day, bool forward)
    {
        var offset = ((int)day.DayOfWeek - (int)DayOfWeek.Monday + 7) % 7;
        return offset == 0 ? day : forward ? day.AddDays(7 - offset) : day.AddDays(-offset);
    }

    private static ClaimsPrincipal Principal(Guid userId, string role, Guid? personId)
    {
        var claims = new List<Claim> { new(ClaimTypes.NameIdentifier, userId.ToString()), new(ClaimTypes.Role, role) };
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

    /// <summary>The handlers' clock while the pilot's matching is replayed in the past.</summary>
    private sealed class ReplayClock : TimeProvider
    {
        public DateTimeOffset Now { get; set; }

        public override DateTimeOffset GetUtcNow() => Now;
    }

    /// <summary>A participant; the demo accounts act as themselves, the others have no account (user id empty in history).</summary>
    private sealed record Actor(Person Person, Guid? UserId);

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

        /// <summary>What SubmitAssessmentHandler stores for a valid submission: catalogue ids, known topics, lower-case languages.</summary>
        private Assessment NewAssessment(Person person, Dictionary<string, int> levels, List<string> wantedCompetences, List<string> offeredTopics, List<string> wantedTopics)
        {
            var assessment = new Assessment
            {
                WantedCompetences = wantedCompetences,
                OfferedTopics = offeredTopics,
                WantedTopics = wantedTopics,
                Languages = [.. person.Languages.Select(l => l.Trim().ToLowerInvariant()).Where(l => l.Length > 0).Distinct()],
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
}
