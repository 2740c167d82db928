using Reciproca.Web.Features.Pairs;
using Reciproca.Web.Features.Sessions;
using Reciproca.Web.Infrastructure.Data;

namespace Reciproca.Web.Infrastructure.Startup;

/// <summary>How a demo pair has lived since its pact: the pilot shows every state HR must tell apart.</summary>
internal enum DemoRhythm
{
    /// <summary>A session every two weeks, all held and logged by both partners, the next ones scheduled.</summary>
    OnTrack,

    /// <summary>Two sessions held where the pact's cadence expected more: HR should check in.</summary>
    Behind,

    /// <summary>One poor session, a no-show, then nothing for weeks: at risk.</summary>
    Quiet,

    /// <summary>Signed, never met: the first session is scheduled for the coming days.</summary>
    NotMet,
}

/// <summary>
/// The pilot's sessions and the partners' logs, written as <see cref="SessionHandlers"/> and the log handlers store
/// them (series, occurrences in UTC from wall-clock times in Rome, one log per partner per held session), so that the
/// pair pages, the calendar feeds and pair health show a programme six weeks into its life.
/// </summary>
internal sealed class DemoSessions(AppDbContext db, Random random)
{
    private static readonly string[] _digitalTaught =
    [
        "Abbiamo impostato il calendario condiviso del reparto e le notifiche delle riunioni sul telefono.",
        "Come si avvia una riunione su Teams, si condivide lo schermo e si registra per chi è assente.",
        "Cartelle condivise e versioni dei documenti: niente più allegati con nomi diversi.",
        "Password manager e verifica in due passaggi, provati insieme sull'account aziendale.",
    ];

    private static readonly string[] _experienceTaught =
    [
        "Come trasformo la visione del reparto in un obiettivo specifico, misurabile e con una data.",
        "Preparare una riunione difficile: cosa chiedere prima, come chiudere con decisioni chiare.",
        "Dare un riscontro a chi è più in alto di te: i fatti prima, poi la proposta.",
        "Scegliere cosa delegare e come seguire senza controllare ogni passo.",
    ];

    private static readonly string[] _privateNotes =
    [
        "Da riprendere la prossima volta: non mi sento ancora sicuro sulla condivisione dello schermo.",
        "Mi ha colpito quanto sia paziente: voglio provare lo stesso approccio con il mio team.",
    ];

    /// <summary>The first day the pair meets: a weekday in the pilot's first week, spread over the pairs.</summary>
    public static DateOnly FirstDay(DateOnly programmeStart, int pairIndex) => programmeStart.AddDays(1 + pairIndex % 4);

    /// <summary>
    /// Writes the pair's sessions and logs for its rhythm and returns the end of its first held session (when the pair
    /// became active), or null when it has not met yet.
    /// </summary>
    public DateTime? Add(Pair pair, Pact pact, DemoRhythm rhythm, DateOnly firstDay, TimeOnly at, DateTime now)
    {
        var zone = SessionClock.Zone(SessionClock.DefaultZone)!;
        var remote = pair.Score % 2 == 0;
        return rhythm switch
        {
            DemoRhythm.OnTrack => Series(pair, pact, firstDay, at, zone, remote, count: 6, now, (_, _) => Outcome.HeldWell),
            DemoRhythm.Behind => Behind(pair, pact, firstDay, at, zone, remote, now),
            DemoRhythm.Quiet => Series(pair, pact, firstDay, at, zone, remote, count: 2, now, (k, _) => k == 0 ? Outcome.HeldPoorly : Outcome.NoShow),
            _ => Series(pair, pact, DateOnly.FromDateTime(now).AddDays(3), at, zone, remote, count: 1, now, (_, _) => Outcome.HeldWell),
        };
    }

    private enum Outcome
    {
        HeldWell,
        HeldPoorly,
        NoShow,
    }

    /// <summary>Held at the start and four weeks later, the next one only in ten days: fewer than the cadence asks.</summary>
    private DateTime? Behind(Pair pair, Pact pact, DateOnly firstDay, TimeOnly at, TimeZoneInfo zone, bool remote, DateTime now)
    {
        var first = Series(pair, pact, firstDay, at, zone, remote, count: 1, now, (_, _) => Outcome.HeldWell);
        var second = DateOnly.FromDateTime(now).AddDays(-12);
        Series(pair, pact, Weekday(second), at, zone, remote, count: 1, now, (_, _) => Outcome.HeldWell, sessionNumber: 2);
        Series(pair, pact, Weekday(DateOnly.FromDateTime(now).AddDays(10)), at, zone, remote, count: 1, now, (_, _) => Outcome.HeldWell);
        return first;
    }

    private DateTime? Series(Pair pair, Pact pact, DateOnly firstDay, TimeOnly at, TimeZoneInfo zone, bool remote, int count, DateTime now, Func<int, DateTime, Outcome> outcome, int sessionNumber = 1)
    {
        var interval = count > 1 ? 2 : 0;
        var starts = SessionClock.Starts(firstDay, at, zone, interval, count, untilUtc: null);
        var created = pact.ExperienceMentorSignedUtc!.Value.AddHours(2);
        var series = new SessionSeries
        {
            ProgrammeId = pair.ProgrammeId,
            PairId = pair.Id,
            OrganiserId = pair.DigitalMentorId,
            Title = "",
            AgendaGoalIds = [.. pact.Goals.Select(g => g.Id)],
            Mode = remote ? SessionMode.Remote : SessionMode.InPerson,
            MeetingUrl = remote ? $"https://meet.jit.si/reciproca-demo-{pair.Id:N}" : null,
            Location = remote ? null : "Monza, sala riunioni Brianza (2° piano)",
            TimeZoneId = zone.Id,
            StartDate = firstDay,
            StartTime = at,
            DurationMinutes = 60,
            IntervalWeeks = interval,
            Count = count > 1 ? count : null,
            CreatedUtc = created < now ? created : now,
            UpdatedUtc = created < now ? created : now,
            Uid = $"{Guid.CreateVersion7():N}@reciproca",
        };
        db.SessionSeries.Add(series);

        DateTime? firstHeld = null;
        for (var k = 0; k < starts.Count; k++)
        {
            var start = starts[k];
            var session = new Session
            {
                SeriesId = series.Id,
                PairId = pair.Id,
                OriginalStartUtc = start,
                StartUtc = start,
                EndUtc = start.AddMinutes(series.DurationMinutes),
                DigitalMentorAnswer = AttendanceAnswer.Accepted,
                ExperienceMentorAnswer = start < now || k == 0 ? AttendanceAnswer.Accepted : null,
            };
            db.Sessions.Add(session);
            if (session.EndUtc > now)
            {
                continue;
            }

            var result = outcome(k, start);
            var number = sessionNumber + k;
            if (result == Outcome.NoShow)
            {
                // Only the one who waited writes it down.
                db.SessionLogs.Add(Log(session, pact, pair.DigitalMentorId, digitalSide: true, number, held: false, rating: null));
                continue;
            }

            firstHeld ??= session.EndUtc;
            var rating = result == Outcome.HeldPoorly ? 2 : 4 + random.Next(2);
            db.SessionLogs.Add(Log(session, pact, pair.DigitalMentorId, digitalSide: true, number, held: true, rating));
            db.SessionLogs.Add(Log(session, pact, pair.ExperienceMentorId, digitalSide: false, number, held: true, result == Outcome.HeldPoorly ? 3 : 4 + random.Next(2)));
        }

        return firstHeld;
    }

    private SessionLog Log(Session session, Pact pact, Guid authorId, bool digitalSide, int number, bool held, int? rating)
    {
        var written = session.EndUtc.AddHours(3 + random.Next(20));
        var log = new SessionLog
        {
            SessionId = session.Id,
            PairId = session.PairId,
            AuthorId = authorId,
            Held = held,
            MissedReason = held ? null : MissedReason.NoShow,
            Rating = rating,
            CreatedUtc = written,
            UpdatedUtc = written,
        };
        if (!held)
        {
            return log;
        }

        var (taught, learned) = digitalSide ? (_digitalTaught, _experienceTaught) : (_experienceTaught, _digitalTaught);
        log.Taught = taught[(number - 1 + random.Next(2)) % taught.Length];
        log.Learned = learned[(number - 1) % learned.Length];
        log.PrivateNote = random.Next(3) == 0 ? _privateNotes[random.Next(_privateNotes.Length)] : null;
        log.Tags = [.. pact.Goals.SelectMany(g => g.Tags).Distinct().Take(3)];
        // Progress grows with the sessions: started, half-way, then achieved for the goal the pair began with.
        log.Goals = [.. pact.Goals.Select((g, i) => new SessionLogGoal
        {
            LogId = log.Id,
            GoalId = g.Id,
            Progress = (number - i) switch { <= 0 => GoalProgress.NotStarted, 1 => GoalProgress.Started, 2 => GoalProgress.HalfWay, _ => GoalProgress.Achieved },
        })];
        return log;
    }

    private static DateOnly Weekday(DateOnly day) => day.DayOfWeek switch
    {
        DayOfWeek.Saturday => day.AddDays(2),
        DayOfWeek.Sunday => day.AddDays(1),
        _ => day,
    };
}
