using Microsoft.EntityFrameworkCore;
using Reciproca.Web.Features.Pairs;
using Reciproca.Web.Infrastructure.Data;

namespace Reciproca.Web.Features.PairHealth;

/// <summary>One pair's activity as the database aggregates it (one row per pair); see <see cref="PairHealthQuery"/>.</summary>
public sealed class PairActivityRow
{
    public Guid PairId { get; set; }

    public string State { get; set; } = "";

    public Guid DigitalMentorId { get; set; }

    public Guid ExperienceMentorId { get; set; }

    public string DigitalMentorName { get; set; } = "";

    public string ExperienceMentorName { get; set; } = "";

    public DateTime SinceUtc { get; set; }

    public int Held { get; set; }

    public DateTime? LastHeldUtc { get; set; }

    public DateTime? NextScheduledUtc { get; set; }

    public int CadenceSessions { get; set; }

    public int CadenceWeeks { get; set; }

    public int DigitalCancellations { get; set; }

    public int ExperienceCancellations { get; set; }

    public int DigitalAlone { get; set; }

    public int ExperienceAlone { get; set; }

    public int? DigitalLastRating { get; set; }

    public int? DigitalPreviousRating { get; set; }

    public int? ExperienceLastRating { get; set; }

    public int? ExperiencePreviousRating { get; set; }

    public DateTime? FollowedUpUtc { get; set; }

    public PairActivity ToActivity() => new(
        Enum.Parse<PairState>(State),
        SinceUtc,
        Held,
        LastHeldUtc,
        NextScheduledUtc,
        CadenceSessions,
        CadenceWeeks,
        new PartnerActivity(DigitalCancellations, DigitalAlone, Ratings(DigitalPreviousRating, DigitalLastRating)),
        new PartnerActivity(ExperienceCancellations, ExperienceAlone, Ratings(ExperiencePreviousRating, ExperienceLastRating)));

    // The rules read a partner's two latest ratings only, so the database sends just those (oldest first).
    private static int[] Ratings(int? previous, int? last) =>
        (previous, last) switch
        {
            ({ } p, { } l) => [p, l],
            (null, { } l) => [l],
            _ => [],
        };
}

/// <summary>
/// The activity of every pair of a programme (declined ones aside) in ONE statement that groups in the database: the
/// sessions, cancellations, logs and ratings are never loaded row by row (5,000 pairs and 50,000 sessions answer in
/// tens of milliseconds on SQLite; bench/Reciproca.PairHealth.Bench). The same SQL runs on SQLite and PostgreSQL:
/// quoted identifiers, CTEs, ROW_NUMBER, CASE and COALESCE only; counts are cast to INTEGER so both read as int.
/// </summary>
/// <remarks>
/// A reporting read (ARCHITECTURE.md): it reads the pairs', sessions' and logs' tables on purpose, for HR's figures,
/// and nothing of a log's text. "Held" means past, not cancelled and reported missed by no log.
/// </remarks>
public sealed class PairHealthQuery(AppDbContext db)
{
    public Task<List<PairActivityRow>> ActivityAsync(Guid programmeId, DateTime nowUtc, CancellationToken cancellationToken) =>
        db.Database.SqlQuery<PairActivityRow>($"""
            WITH p AS (
                SELECT "Id", "State", "DigitalMentorId", "ExperienceMentorId", "CreatedUtc"
                FROM "Pairs" WHERE "ProgrammeId" = {programmeId} AND "State" <> 'Declined'
            ),
            s AS (
                SELECT s."Id", s."PairId", s."StartUtc", s."Status", s."CancelledUtc", s."CancelledById",
                    CASE WHEN s."Status" = 'Scheduled' AND s."EndUtc" <= {nowUtc}
                        AND NOT EXISTS (SELECT 1 FROM "SessionLogs" m WHERE m."SessionId" = s."Id" AND NOT m."Held") THEN 1 ELSE 0 END AS held
                FROM "Sessions" s JOIN p ON p."Id" = s."PairId"
            ),
            per_pair AS (
                SELECT "PairId", SUM(held) AS held,
                    MAX(CASE WHEN held = 1 THEN "StartUtc" END) AS last_held,
                    MIN(CASE WHEN "Status" = 'Scheduled' AND "StartUtc" > {nowUtc} THEN "StartUtc" END) AS next_scheduled
                FROM s GROUP BY "PairId"
            ),
            cancels AS (
                SELECT "PairId", "CancelledById" AS who, COUNT(DISTINCT "CancelledUtc") AS n
                FROM s WHERE "Status" = 'Cancelled' AND "CancelledById" IS NOT NULL GROUP BY "PairId", "CancelledById"
            ),
            logs AS (
                SELECT l."PairId", l."AuthorId", l."SessionId", l."Rating", l."CreatedUtc", s."StartUtc", s.held
                FROM "SessionLogs" l JOIN s ON s."Id" = l."SessionId"
            ),
            alone AS (
                SELECT "PairId", "AuthorId" AS who, COUNT(*) AS n FROM logs
                WHERE held = 1 AND NOT EXISTS (SELECT 1 FROM "SessionLogs" o WHERE o."SessionId" = logs."SessionId" AND o."AuthorId" <> logs."AuthorId")
                GROUP BY "PairId", "AuthorId"
            ),
            ranked AS (
                SELECT "PairId", "AuthorId", "Rating",
                    ROW_NUMBER() OVER (PARTITION BY "PairId", "AuthorId" ORDER BY "StartUtc" DESC, "CreatedUtc" DESC) AS rn
                FROM logs WHERE "Rating" IS NOT NULL
            ),
            ratings AS (
                SELECT "PairId", "AuthorId" AS who, MAX(CASE WHEN rn = 1 THEN "Rating" END) AS last, MAX(CASE WHEN rn = 2 THEN "Rating" END) AS previous
                FROM ranked WHERE rn <= 2 GROUP BY "PairId", "AuthorId"
            ),
            agreed AS (
                SELECT e."PairId", MIN(e."AtUtc") AS at FROM "PairEvents" e JOIN p ON p."Id" = e."PairId"
                WHERE e."To" = 'Agreed' GROUP BY e."PairId"
            )
            SELECT p."Id" AS "PairId", p."State", p."DigitalMentorId", p."ExperienceMentorId",
                dm."DisplayName" AS "DigitalMentorName", em."DisplayName" AS "ExperienceMentorName",
                COALESCE(agreed.at, p."CreatedUtc") AS "SinceUtc",
                CAST(COALESCE(per_pair.held, 0) AS INTEGER) AS "Held",
                per_pair.last_held AS "LastHeldUtc", per_pair.next_scheduled AS "NextScheduledUtc",
                COALESCE(pact."CadenceSessions", prog."PlannedSessions") AS "CadenceSessions",
                COALESCE(pact."CadenceWeeks", prog."CadenceWeeks") AS "CadenceWeeks",
                CAST(COALESCE(dc.n, 0) AS INTEGER) AS "DigitalCancellations", CAST(COALESCE(ec.n, 0) AS INTEGER) AS "ExperienceCancellations",
                CAST(COALESCE(da.n, 0) AS INTEGER) AS "DigitalAlone", CAST(COALESCE(ea.n, 0) AS INTEGER) AS "ExperienceAlone",
                dr.last AS "DigitalLastRating", dr.previous AS "DigitalPreviousRating",
                er.last AS "ExperienceLastRating", er.previous AS "ExperiencePreviousRating",
                fu."AtUtc" AS "FollowedUpUtc"
            FROM p
            JOIN "Programmes" prog ON prog."Id" = {programmeId}
            JOIN "People" dm ON dm."Id" = p."DigitalMentorId"
            JOIN "People" em ON em."Id" = p."ExperienceMentorId"
            LEFT JOIN agreed ON agreed."PairId" = p."Id"
            LEFT JOIN per_pair ON per_pair."PairId" = p."Id"
            LEFT JOIN "Pacts" pact ON pact."PairId" = p."Id"
            LEFT JOIN cancels dc ON dc."PairId" = p."Id" AND dc.who = p."DigitalMentorId"
            LEFT JOIN cancels ec ON ec."PairId" = p."Id" AND ec.who = p."ExperienceMentorId"
            LEFT JOIN alone da ON da."PairId" = p."Id" AND da.who = p."DigitalMentorId"
            LEFT JOIN alone ea ON ea."PairId" = p."Id" AND ea.who = p."ExperienceMentorId"
            LEFT JOIN ratings dr ON dr."PairId" = p."Id" AND dr.who = p."DigitalMentorId"
            LEFT JOIN ratings er ON er."PairId" = p."Id" AND er.who = p."ExperienceMentorId"
            LEFT JOIN "PairFollowUps" fu ON fu."PairId" = p."Id"
            """).ToListAsync(cancellationToken);
}
