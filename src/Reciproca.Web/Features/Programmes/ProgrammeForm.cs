using System.ComponentModel.DataAnnotations;

namespace Reciproca.Web.Features.Programmes;

/// <summary>
/// The programme form of the create and edit pages, flat for model binding. The display names are the labels' keys,
/// so that a value that does not bind ("31/02/2027" for a date) is reported under the label the person sees.
/// </summary>
public sealed class ProgrammeForm
{
    /// <summary>Nullable, so that an empty name is the handler's "give it a name", not the binder's implicit "required".</summary>
    [Display(Name = "Programmes.Name")]
    public string? Name { get; set; } = "";

    [Display(Name = "Programmes.Description")]
    public string? Description { get; set; }

    [Display(Name = "Programmes.StartsOn")]
    public DateOnly StartsOn { get; set; }

    [Display(Name = "Programmes.EndsOn")]
    public DateOnly EndsOn { get; set; }

    [Display(Name = "Programmes.PlannedSessions")]
    public int PlannedSessions { get; set; } = ProgrammeRules.DefaultPlannedSessions;

    [Display(Name = "Programmes.CadenceWeeks")]
    public int CadenceWeeks { get; set; } = ProgrammeRules.DefaultCadenceWeeks;

    [Display(Name = "Programmes.ReportingLineDepth")]
    public int ReportingLineDepth { get; set; } = ProgrammeRules.DefaultReportingLineDepth;

    [Display(Name = "Programmes.OtherDepartmentWeight")]
    public int OtherDepartmentWeight { get; set; } = ProgrammeRules.DefaultOtherDepartmentWeight;

    [Display(Name = "Programmes.OtherLocationWeight")]
    public int OtherLocationWeight { get; set; } = ProgrammeRules.DefaultOtherLocationWeight;

    [Display(Name = "Programmes.MinimumScore")]
    public int MinimumScore { get; set; } = ProgrammeRules.DefaultMinimumScore;

    [Display(Name = "Programmes.Capacity")]
    public int ExperienceMentorCapacity { get; set; } = ProgrammeRules.DefaultExperienceMentorCapacity;

    [Display(Name = "Programmes.DigitalMentorCapacity")]
    public int DigitalMentorCapacity { get; set; } = ProgrammeRules.DefaultDigitalMentorCapacity;

    [Display(Name = "Programmes.CommonLanguage")]
    public bool RequireCommonLanguage { get; set; } = ProgrammeRules.DefaultRequireCommonLanguage;

    [Display(Name = "Programme.MatchingMode")]
    public MatchingMode MatchingMode { get; set; } = MatchingMode.Optimal;

    [Display(Name = "Programme.MatchingProposingSide")]
    public Side ProposingSide { get; set; } = Side.DigitalMentor;

    [Display(Name = "Programmes.AssessDigital")]
    public bool AssessDigital { get; set; } = true;

    [Display(Name = "Programmes.AssessExperience")]
    public bool AssessExperience { get; set; } = true;

    [Display(Name = "Programmes.OpenForApplications")]
    public bool OpenForApplications { get; set; }

    public Guid Version { get; set; }

    public ProgrammeInput ToInput() => new(
        Name ?? "", Description, StartsOn, EndsOn, PlannedSessions, CadenceWeeks,
        new MatchingRulesInput(ReportingLineDepth, OtherDepartmentWeight, OtherLocationWeight, MinimumScore, ExperienceMentorCapacity, RequireCommonLanguage, MatchingMode, ProposingSide, DigitalMentorCapacity),
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
        DigitalMentorCapacity = view.Rules.DigitalMentorCapacity,
        RequireCommonLanguage = view.Rules.RequireCommonLanguage,
        MatchingMode = view.Rules.Mode,
        ProposingSide = view.Rules.ProposingSide,
        AssessDigital = view.AssessDigital,
        AssessExperience = view.AssessExperience,
        OpenForApplications = view.OpenForApplications,
        Version = view.Version,
    };
}
