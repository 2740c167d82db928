namespace Reciproca.Web.Features.Programmes;

/// <summary>The range a form or the API may give a whole-number setting.</summary>
public readonly record struct Setting(int Min, int Max)
{
    public bool Allows(int value) => value >= Min && value <= Max;
}

/// <summary>
/// The defaults and ranges of a programme's design and matching rules, in one place: the entity, the API body, the
/// form and the pact's cadence (which starts from the programme's) all read them here.
/// </summary>
public static class ProgrammeRules
{
    // Defaults are constants so that optional parameters of the API's records can name them.
    public const int DefaultPlannedSessions = 6;
    public const int DefaultCadenceWeeks = 12;
    public const int DefaultReportingLineDepth = 2;
    public const int DefaultOtherDepartmentWeight = 10;
    public const int DefaultOtherLocationWeight = 5;
    public const int DefaultMinimumScore = 1;
    public const int DefaultExperienceMentorCapacity = 1;
    public const int DefaultDigitalMentorCapacity = 1;
    public const bool DefaultRequireCommonLanguage = true;
    public const int DefaultReminderHours = 24;
    public const int DefaultLogNudgeHours = 2;
    public const int DefaultLogSecondNudgeDays = 3;
    public const int DefaultQuietNudgeDays = 14;
    public const int DefaultHrAlertDays = 28;

    /// <summary>Two ratings at or under this, in a row, alert HR and put the pair at risk.</summary>
    public const int LowRating = 2;

    /// <summary>This many cancellations by one partner alert HR and put the pair at risk.</summary>
    public const int CancellationsAlert = 3;

    public static readonly Setting PlannedSessions = new(1, 52);
    public static readonly Setting CadenceWeeks = new(1, 104);
    public static readonly Setting ReportingLineDepth = new(0, 10);
    public static readonly Setting OtherDepartmentWeight = new(0, 1000);
    public static readonly Setting OtherLocationWeight = new(0, 1000);
    public static readonly Setting MinimumScore = new(0, 1_000_000);
    public static readonly Setting ExperienceMentorCapacity = new(1, 5);
    public static readonly Setting DigitalMentorCapacity = new(1, 5);
    public static readonly Setting ReminderHours = new(1, 168);
    public static readonly Setting LogNudgeHours = new(1, 72);
    public static readonly Setting LogSecondNudgeDays = new(1, 30);
    public static readonly Setting QuietNudgeDays = new(3, 90);
    public static readonly Setting HrAlertDays = new(7, 180);
}
