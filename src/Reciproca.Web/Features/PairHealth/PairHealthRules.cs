using Reciproca.Web.Features.Pairs;
using Reciproca.Web.Features.Programmes;

namespace Reciproca.Web.Features.PairHealth;

/// <summary>How a pair is doing, as HR reads it; the order is the severity the list sorts by.</summary>
public enum HealthState
{
    OnTrack,
    CheckIn,
    AtRisk,
}

/// <summary>Why a pair is not on track. Each code has a sentence with its figures (resources <c>Health.Reason.*</c>).</summary>
public enum HealthReasonCode
{
    /// <summary>Nothing held for a while and nothing scheduled: days since the last held session, or since the pair agreed.</summary>
    Quiet,

    /// <summary>Fewer sessions held than the pact's cadence expects by now.</summary>
    BehindCadence,

    /// <summary>One partner's two latest ratings are both at or under <see cref="ProgrammeRules.LowRating"/>.</summary>
    LowRatings,

    /// <summary>Held sessions that one partner logged and the other did not.</summary>
    OneSidedLogs,

    /// <summary>One partner cancelled sessions this many times (one cancellation of several occurrences counts once).</summary>
    Cancellations,
}

/// <summary>A reason with the figures its sentence shows: <see cref="Count"/> and <see cref="Of"/> mean what the code says.</summary>
public sealed record HealthReason(HealthReasonCode Code, HealthState Severity, int Count, int Of = 0, PairSide? Side = null);

public sealed record HealthAssessment(HealthState State, IReadOnlyList<HealthReason> Reasons);

/// <summary>What one partner did: cancellations (distinct cancel actions), held sessions only they logged, their ratings oldest first.</summary>
public sealed record PartnerActivity(int Cancellations, int LoggedAlone, IReadOnlyList<int> Ratings)
{
    public static PartnerActivity None { get; } = new(0, 0, []);
}

/// <summary>
/// A pair's activity reduced to what the rules read. <see cref="SinceUtc"/> is when the pair became agreed (its first
/// PairEvent to Agreed, else its creation); <see cref="HeldSessions"/> counts sessions with at least one log saying
/// held; <see cref="PartnerActivity.Ratings"/> are in the order of the sessions' starts.
/// </summary>
public sealed record PairActivity(
    PairState State,
    DateTime SinceUtc,
    int HeldSessions,
    DateTime? LastHeldUtc,
    DateTime? NextScheduledUtc,
    int CadenceSessions,
    int CadenceWeeks,
    PartnerActivity DigitalMentor,
    PartnerActivity ExperienceMentor);

/// <summary>The programme's thresholds (its <see cref="SessionRules"/>) and the fixed ones of <see cref="ProgrammeRules"/>.</summary>
public sealed record HealthThresholds(int QuietNudgeDays, int HrAlertDays, int LowRating = ProgrammeRules.LowRating, int CancellationsAlert = ProgrammeRules.CancellationsAlert)
{
    /// <summary>Held sessions logged by one partner alone from which HR is asked to check in.</summary>
    public const int OneSidedLogs = 2;

    /// <summary>Sessions behind the cadence from which a pair is at risk rather than due a check-in.</summary>
    public const int FarBehind = 3;

    public static HealthThresholds Of(SessionRules rules) => new(rules.QuietNudgeDays, rules.HrAlertDays);

    public static HealthThresholds Default { get; } = new(ProgrammeRules.DefaultQuietNudgeDays, ProgrammeRules.DefaultHrAlertDays);
}

/// <summary>
/// The pair-health rules (readme.md, "Rules"), pure: the same activity and instant always give the same assessment. The
/// pair's state is its most severe reason; no reason is on track. Only agreed and active pairs are assessed.
/// </summary>
public static class PairHealthRules
{
    public static bool Assessed(PairState state) => state is PairState.Agreed or PairState.Active;

    public static HealthAssessment? Assess(PairActivity activity, HealthThresholds thresholds, DateTime nowUtc)
    {
        if (!Assessed(activity.State))
        {
            return null;
        }

        var reasons = new List<HealthReason>();

        // Quiet: a session scheduled within the quiet window answers it; one further out softens it to a check-in.
        var quietDays = WholeDays(nowUtc - (activity.LastHeldUtc ?? activity.SinceUtc));
        var soon = activity.NextScheduledUtc is { } next && next - nowUtc <= TimeSpan.FromDays(thresholds.QuietNudgeDays);
        if (!soon && quietDays >= thresholds.QuietNudgeDays)
        {
            var severity = quietDays >= thresholds.HrAlertDays && activity.NextScheduledUtc is null ? HealthState.AtRisk : HealthState.CheckIn;
            reasons.Add(new HealthReason(HealthReasonCode.Quiet, severity, quietDays));
        }

        // Behind the cadence: a check-in, at risk when three or more expected sessions are missing.
        var expected = ExpectedSessions(activity, nowUtc);
        var behind = expected - activity.HeldSessions;
        if (behind >= 1)
        {
            reasons.Add(new HealthReason(HealthReasonCode.BehindCadence, behind >= HealthThresholds.FarBehind ? HealthState.AtRisk : HealthState.CheckIn, activity.HeldSessions, expected));
        }

        foreach (var (side, partner) in Sides(activity))
        {
            if (partner.Ratings.Count >= 2 && partner.Ratings[^1] <= thresholds.LowRating && partner.Ratings[^2] <= thresholds.LowRating)
            {
                reasons.Add(new HealthReason(HealthReasonCode.LowRatings, HealthState.AtRisk, 2, Side: side));
            }
        }

        foreach (var (side, partner) in Sides(activity))
        {
            if (partner.Cancellations >= thresholds.CancellationsAlert)
            {
                reasons.Add(new HealthReason(HealthReasonCode.Cancellations, HealthState.AtRisk, partner.Cancellations, Side: side));
            }
        }

        foreach (var (side, partner) in Sides(activity))
        {
            if (partner.LoggedAlone >= HealthThresholds.OneSidedLogs)
            {
                reasons.Add(new HealthReason(HealthReasonCode.OneSidedLogs, HealthState.CheckIn, partner.LoggedAlone, Side: side));
            }
        }

        var ordered = reasons.OrderByDescending(r => r.Severity).ToList();
        return new HealthAssessment(ordered.Count == 0 ? HealthState.OnTrack : ordered[0].Severity, ordered);
    }

    /// <summary>
    /// The sessions the pact's cadence expects by now: <c>CadenceSessions</c> spread evenly over <c>CadenceWeeks</c>
    /// from the day the pair agreed, rounded down (a session is expected once its whole interval has passed), and never
    /// more than the pact's total.
    /// </summary>
    public static int ExpectedSessions(PairActivity activity, DateTime nowUtc)
    {
        if (activity.CadenceSessions <= 0 || activity.CadenceWeeks <= 0 || nowUtc <= activity.SinceUtc)
        {
            return 0;
        }

        // In whole ticks, so that the boundary (exactly one interval) is exact.
        var interval = TimeSpan.FromDays(7 * activity.CadenceWeeks).Ticks;
        var expected = (nowUtc - activity.SinceUtc).Ticks / interval * activity.CadenceSessions
            + (nowUtc - activity.SinceUtc).Ticks % interval * activity.CadenceSessions / interval;
        return (int)Math.Min(expected, activity.CadenceSessions);
    }

    public static int WholeDays(TimeSpan span) => span <= TimeSpan.Zero ? 0 : (int)Math.Floor(span.TotalDays);

    private static IEnumerable<(PairSide Side, PartnerActivity Partner)> Sides(PairActivity activity) =>
        [(PairSide.DigitalMentor, activity.DigitalMentor), (PairSide.ExperienceMentor, activity.ExperienceMentor)];
}
