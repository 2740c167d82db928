using Reciproca.Web.Features.PairHealth;
using Reciproca.Web.Features.Pairs;

namespace Reciproca.Web.Tests.Features.PairHealth;

/// <summary>The rules of readme.md, each at its boundary.</summary>
public sealed class PairHealthRulesTests
{
    private static readonly DateTime _now = new(2027, 3, 1, 12, 0, 0, DateTimeKind.Utc);
    private static readonly HealthThresholds _rules = HealthThresholds.Default;

    // Agreed 10 days ago, a session next week, cadence 6 in 12 weeks (one per fortnight): on track.
    private static PairActivity Healthy() => new(
        PairState.Active, _now.AddDays(-10), 0, null, _now.AddDays(7), 6, 12, PartnerActivity.None, PartnerActivity.None);

    private static HealthAssessment Assess(PairActivity activity) => PairHealthRules.Assess(activity, _rules, _now)!;

    [Fact]
    public void A_pair_meeting_on_cadence_is_on_track_without_reasons()
    {
        var health = Assess(Healthy());
        Assert.Equal(HealthState.OnTrack, health.State);
        Assert.Empty(health.Reasons);
    }

    [Theory]
    [InlineData(PairState.Proposed)]
    [InlineData(PairState.Accepted)]
    [InlineData(PairState.Completed)]
    [InlineData(PairState.Ended)]
    public void Only_agreed_and_active_pairs_are_assessed(PairState state) =>
        Assert.Null(PairHealthRules.Assess(Healthy() with { State = state, NextScheduledUtc = null, SinceUtc = _now.AddDays(-200) }, _rules, _now));

    [Theory]
    [InlineData(13, null)]
    [InlineData(14, HealthState.CheckIn)]
    [InlineData(27, HealthState.CheckIn)]
    [InlineData(28, HealthState.AtRisk)]
    public void Quiet_days_since_the_last_held_session_check_in_at_14_and_put_at_risk_at_28(int days, HealthState? expected)
    {
        // Held sessions on cadence, so that only the quiet rule speaks.
        var activity = Healthy() with { SinceUtc = _now.AddDays(-days - 1), LastHeldUtc = _now.AddDays(-days), NextScheduledUtc = null, HeldSessions = 6 };
        var quiet = Assess(activity).Reasons.SingleOrDefault(r => r.Code == HealthReasonCode.Quiet);
        Assert.Equal(expected, quiet?.Severity);
        if (quiet is not null)
        {
            Assert.Equal(days, quiet.Count);
        }
    }

    [Fact]
    public void Quiet_counts_from_the_agreement_when_nothing_was_held_and_not_at_all_when_a_session_is_scheduled()
    {
        var never = Healthy() with { SinceUtc = _now.AddDays(-23), NextScheduledUtc = null };
        var quiet = Assert.Single(Assess(never).Reasons, r => r.Code == HealthReasonCode.Quiet);
        Assert.Equal((23, HealthState.CheckIn), (quiet.Count, quiet.Severity));

        Assert.DoesNotContain(Assess(never with { NextScheduledUtc = _now.AddDays(1) }).Reasons, r => r.Code == HealthReasonCode.Quiet);
    }

    [Fact]
    public void The_programme_thresholds_are_used()
    {
        var activity = Healthy() with { SinceUtc = _now.AddDays(-8), NextScheduledUtc = null };
        var quiet = Assert.Single(PairHealthRules.Assess(activity, new HealthThresholds(7, 8), _now)!.Reasons, r => r.Code == HealthReasonCode.Quiet);
        Assert.Equal(HealthState.AtRisk, quiet.Severity);
    }

    [Theory]
    [InlineData(27, 1, 0)]
    [InlineData(28, 2, 1)]
    [InlineData(56, 4, 2)]
    [InlineData(400, 6, 6)]
    public void Expected_sessions_spread_the_cadence_from_the_agreement_rounding_down_and_capped(int days, int expected, int expectedFourWeekly)
    {
        Assert.Equal(expected, PairHealthRules.ExpectedSessions(Healthy() with { SinceUtc = _now.AddDays(-days) }, _now));
        // 6 in 24 weeks: one every four weeks.
        Assert.Equal(expectedFourWeekly, PairHealthRules.ExpectedSessions(Healthy() with { SinceUtc = _now.AddDays(-days), CadenceWeeks = 24 }, _now));
    }

    [Theory]
    [InlineData(4, null)]
    [InlineData(3, HealthState.CheckIn)]
    [InlineData(2, HealthState.CheckIn)]
    [InlineData(1, HealthState.AtRisk)]
    [InlineData(0, HealthState.AtRisk)]
    public void Behind_the_cadence_by_one_or_two_checks_in_and_by_three_is_at_risk(int held, HealthState? expected)
    {
        // Eight weeks at one per fortnight: four expected.
        var activity = Healthy() with { SinceUtc = _now.AddDays(-56), HeldSessions = held, LastHeldUtc = _now.AddDays(-3) };
        var behind = Assess(activity).Reasons.SingleOrDefault(r => r.Code == HealthReasonCode.BehindCadence);
        Assert.Equal(expected, behind?.Severity);
        if (behind is not null)
        {
            Assert.Equal((held, 4), (behind.Count, behind.Of));
        }
    }

    [Theory]
    [InlineData(new[] { 2, 2 }, true)]
    [InlineData(new[] { 1, 2 }, true)]
    [InlineData(new[] { 5, 2, 1 }, true)]
    [InlineData(new[] { 2, 3 }, false)]
    [InlineData(new[] { 2, 1, 4 }, false)]
    [InlineData(new[] { 2, 4, 2 }, false)]
    [InlineData(new[] { 1 }, false)]
    public void Two_low_ratings_in_a_row_from_one_partner_are_at_risk(int[] ratings, bool atRisk)
    {
        var activity = Healthy() with { ExperienceMentor = new PartnerActivity(0, 0, ratings) };
        var low = Assess(activity).Reasons.SingleOrDefault(r => r.Code == HealthReasonCode.LowRatings);
        Assert.Equal(atRisk, low is not null);
        if (low is not null)
        {
            Assert.Equal((HealthState.AtRisk, PairSide.ExperienceMentor), (low.Severity, low.Side));
        }
    }

    [Fact]
    public void Low_ratings_of_different_partners_do_not_make_a_row()
    {
        var activity = Healthy() with { DigitalMentor = new PartnerActivity(0, 0, [2]), ExperienceMentor = new PartnerActivity(0, 0, [1]) };
        Assert.Equal(HealthState.OnTrack, Assess(activity).State);
    }

    [Theory]
    [InlineData(1, false)]
    [InlineData(2, true)]
    public void Two_held_sessions_logged_by_one_partner_alone_check_in(int alone, bool checkIn)
    {
        var activity = Healthy() with { DigitalMentor = new PartnerActivity(0, alone, []) };
        var reason = Assess(activity).Reasons.SingleOrDefault(r => r.Code == HealthReasonCode.OneSidedLogs);
        Assert.Equal(checkIn, reason is not null);
        if (reason is not null)
        {
            Assert.Equal((HealthState.CheckIn, PairSide.DigitalMentor, alone), (reason.Severity, reason.Side, reason.Count));
        }
    }

    [Theory]
    [InlineData(2, false)]
    [InlineData(3, true)]
    public void Three_cancellations_by_one_partner_are_at_risk(int cancellations, bool atRisk)
    {
        var activity = Healthy() with { ExperienceMentor = new PartnerActivity(cancellations, 0, []) };
        var reason = Assess(activity).Reasons.SingleOrDefault(r => r.Code == HealthReasonCode.Cancellations);
        Assert.Equal(atRisk, reason is not null);
        Assert.Equal(atRisk ? HealthState.AtRisk : HealthState.OnTrack, Assess(activity).State);
    }

    [Fact]
    public void The_state_is_the_most_severe_reason_and_reasons_come_most_severe_first()
    {
        var activity = Healthy() with { DigitalMentor = new PartnerActivity(0, 2, []), ExperienceMentor = new PartnerActivity(3, 0, []) };
        var health = Assess(activity);
        Assert.Equal(HealthState.AtRisk, health.State);
        Assert.Equal([HealthReasonCode.Cancellations, HealthReasonCode.OneSidedLogs], health.Reasons.Select(r => r.Code));
    }
}
