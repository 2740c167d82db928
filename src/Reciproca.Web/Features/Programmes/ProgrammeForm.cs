namespace Reciproca.Web.Features.Programmes;

/// <summary>The programme form of the create and edit pages, flat for model binding.</summary>
public sealed class ProgrammeForm
{
    public string Name { get; set; } = "";

    public string? Description { get; set; }

    public DateOnly StartsOn { get; set; }

    public DateOnly EndsOn { get; set; }

    public int PlannedSessions { get; set; } = ProgrammeRules.DefaultPlannedSessions;

    public int CadenceWeeks { get; set; } = ProgrammeRules.DefaultCadenceWeeks;

    public int ReportingLineDepth { get; set; } = ProgrammeRules.DefaultReportingLineDepth;

    public int OtherDepartmentWeight { get; set; } = ProgrammeRules.DefaultOtherDepartmentWeight;

    public int OtherLocationWeight { get; set; } = ProgrammeRules.DefaultOtherLocationWeight;

    public int MinimumScore { get; set; } = ProgrammeRules.DefaultMinimumScore;

    public int ExperienceMentorCapacity { get; set; } = ProgrammeRules.DefaultExperienceMentorCapacity;

    public bool RequireCommonLanguage { get; set; } = ProgrammeRules.DefaultRequireCommonLanguage;

    public bool AssessDigital { get; set; } = true;

    public bool AssessExperience { get; set; } = true;

    public bool OpenForApplications { get; set; }

    public Guid Version { get; set; }

    public ProgrammeInput ToInput() => new(
        Name, Description, StartsOn, EndsOn, PlannedSessions, CadenceWeeks,
        new MatchingRulesInput(ReportingLineDepth, OtherDepartmentWeight, OtherLocationWeight, MinimumScore, ExperienceMentorCapacity, RequireCommonLanguage),
        AssessDigital, AssessExperience, OpenForApplications);

    public static ProgrammeForm From(ProgrammeView view) => new()
    {
        Name = view.Name,
        Description = view.Description,
        StartsOn = view.StartsOn,
        EndsOn = view.EndsOn,
        PlannedSessions = view.PlannedSessions,
        CadenceWeeks = view.CadenceWeeks,
        ReportingLineDepth = view.Rules.ReportingLineDepth,
        OtherDepartmentWeight = view.Rules.OtherDepartmentWeight,
        OtherLocationWeight = view.Rules.OtherLocationWeight,
        MinimumScore = view.Rules.MinimumScore,
        ExperienceMentorCapacity = view.Rules.ExperienceMentorCapacity,
        RequireCommonLanguage = view.Rules.RequireCommonLanguage,
        AssessDigital = view.AssessDigital,
        AssessExperience = view.AssessExperience,
        OpenForApplications = view.OpenForApplications,
        Version = view.Version,
    };
}
