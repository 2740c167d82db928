namespace Reciproca.Web.Features.Programmes;

public enum ProgrammeStatus
{
    /// <summary>Being designed; people can be enrolled and assessed.</summary>
    Enrolment,

    /// <summary>Pairs are published; the programme runs.</summary>
    Running,

    Closed,
}

/// <summary>One reverse-mentoring initiative: dates, cadence, matching rules, which assessments to run.</summary>
public sealed class Programme
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public required string Name { get; set; }

    public string Description { get; set; } = "";

    public DateOnly StartsOn { get; set; }

    public DateOnly EndsOn { get; set; }

    /// <summary>Expected cadence: <see cref="PlannedSessions"/> sessions over <see cref="CadenceWeeks"/> weeks (The Hartford: 6 in 12).</summary>
    public int PlannedSessions { get; set; } = ProgrammeRules.DefaultPlannedSessions;

    public int CadenceWeeks { get; set; } = ProgrammeRules.DefaultCadenceWeeks;

    public MatchingRules Rules { get; set; } = new();

    /// <summary>When reminders, nudges and HR alerts fall due for this programme's pairs.</summary>
    public SessionRules SessionRules { get; set; } = new();

    public bool AssessDigital { get; set; } = true;

    public bool AssessExperience { get; set; } = true;

    /// <summary>Whether people may apply themselves (HR approves).</summary>
    public bool OpenForApplications { get; set; }

    public ProgrammeStatus Status { get; set; } = ProgrammeStatus.Enrolment;

    public Guid CreatedBy { get; set; }

    public DateTime CreatedUtc { get; set; }

    public DateTime UpdatedUtc { get; set; }

    /// <summary>App-managed optimistic concurrency token: two HR users editing at once cannot both win.</summary>
    public Guid Version { get; set; } = Guid.NewGuid();

    public void Touch(DateTime nowUtc)
    {
        UpdatedUtc = nowUtc;
        Version = Guid.NewGuid();
    }
}

/// <summary>HR's rules for matching this programme (hard rules remove a pair; weights tune the score).</summary>
public sealed class MatchingRules
{
    /// <summary>Pairs within this many levels of the same reporting line are never proposed (0 = rule off).</summary>
    public int ReportingLineDepth { get; set; } = ProgrammeRules.DefaultReportingLineDepth;

    /// <summary>Bonus, in score points, for a pair across departments.</summary>
    public int OtherDepartmentWeight { get; set; } = ProgrammeRules.DefaultOtherDepartmentWeight;

    /// <summary>Bonus, in score points, for a pair across locations.</summary>
    public int OtherLocationWeight { get; set; } = ProgrammeRules.DefaultOtherLocationWeight;

    /// <summary>A pair scoring below this is worse than no pair: its people stay unmatched.</summary>
    public int MinimumScore { get; set; } = ProgrammeRules.DefaultMinimumScore;

    /// <summary>How many digital mentors one experience mentor may take.</summary>
    public int ExperienceMentorCapacity { get; set; } = ProgrammeRules.DefaultExperienceMentorCapacity;

    /// <summary>How many experience mentors one digital mentor may take (ADR 0017: no pair is proposed twice).</summary>
    public int DigitalMentorCapacity { get; set; } = ProgrammeRules.DefaultDigitalMentorCapacity;

    public bool RequireCommonLanguage { get; set; } = ProgrammeRules.DefaultRequireCommonLanguage;

    /// <summary>Who decides the pairs: the engine's optimum, or participants ranking their best candidates (stable matching).</summary>
    public MatchingMode Mode { get; set; } = MatchingMode.Optimal;

    /// <summary>In <see cref="MatchingMode.ParticipantsRank"/>, the side whose rankings propose (it gets its best stable outcome).</summary>
    public Side ProposingSide { get; set; } = Side.DigitalMentor;
}

/// <summary>How a programme's pairs are chosen (ADR 0016).</summary>
/// <summary>
/// The pair-life timings of a programme (issue 11): the reminder before a session, the nudges to log it and to meet
/// again, and when HR is alerted. Each person may add a reminder one hour before, whatever the programme says.
/// </summary>
public sealed class SessionRules
{
    /// <summary>Hours before a session that both partners are reminded.</summary>
    public int ReminderHours { get; set; } = ProgrammeRules.DefaultReminderHours;

    /// <summary>Hours after a session's end that a partner who has not logged it is nudged; once more <see cref="LogSecondNudgeDays"/> later.</summary>
    public int LogNudgeHours { get; set; } = ProgrammeRules.DefaultLogNudgeHours;

    public int LogSecondNudgeDays { get; set; } = ProgrammeRules.DefaultLogSecondNudgeDays;

    /// <summary>Days with nothing held or scheduled after which the pair is nudged (and HR sees "needs a check-in").</summary>
    public int QuietNudgeDays { get; set; } = ProgrammeRules.DefaultQuietNudgeDays;

    /// <summary>Days with nothing held or scheduled after which the programme's HR is alerted (and the pair is "at risk").</summary>
    public int HrAlertDays { get; set; } = ProgrammeRules.DefaultHrAlertDays;
}

public enum MatchingMode
{
    /// <summary>The pairs with the greatest total mutual benefit, proved optimal.</summary>
    Optimal,

    /// <summary>Each participant ranks their five best candidates; deferred acceptance finds a stable matching.</summary>
    ParticipantsRank,
}

/// <summary>Who manages or sponsors a programme: the programme scope of HR and sponsor accounts.</summary>
public sealed class ProgrammeMember
{
    public Guid ProgrammeId { get; set; }

    public Guid UserId { get; set; }

    public required string Role { get; set; }
}
