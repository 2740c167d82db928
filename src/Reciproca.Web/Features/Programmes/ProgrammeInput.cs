using Microsoft.Extensions.Localization;
using Reciproca.Web.Infrastructure.Web;
using Reciproca.Web.Infrastructure.Web.Api;

namespace Reciproca.Web.Features.Programmes;

/// <summary>What HR designs: the body of create and update. Omitted rules take the defaults.</summary>
public sealed record ProgrammeInput(
    string Name,
    string? Description,
    DateOnly StartsOn,
    DateOnly EndsOn,
    int PlannedSessions = ProgrammeRules.DefaultPlannedSessions,
    int CadenceWeeks = ProgrammeRules.DefaultCadenceWeeks,
    MatchingRulesInput? Rules = null,
    bool AssessDigital = true,
    bool AssessExperience = true,
    bool OpenForApplications = false)
{
    public Dictionary<string, string[]> Validate(IStringLocalizer localizer)
    {
        var errors = new Dictionary<string, string[]>();
        void Check(bool ok, string field, string key, params object[] args)
        {
            if (!ok)
            {
                errors[field] = [localizer[key, args]];
            }
        }

        void InRange(int value, Setting setting, string field) => Check(setting.Allows(value), field, "Programme.Range", setting.Min, setting.Max);

        Check(!string.IsNullOrWhiteSpace(Name) && Name.Trim().Length <= 200, "name", "Programme.NameRequired");
        Check((Description ?? "").Length <= 4000, "description", "Programme.DescriptionTooLong");
        InputText.Check(errors, "name", Name, localizer);
        InputText.Check(errors, "description", Description, localizer, multiLine: true);
        Check(EndsOn > StartsOn, "endsOn", "Programme.EndsBeforeStart");
        InRange(PlannedSessions, ProgrammeRules.PlannedSessions, "plannedSessions");
        InRange(CadenceWeeks, ProgrammeRules.CadenceWeeks, "cadenceWeeks");
        var rules = Rules ?? new MatchingRulesInput();
        InRange(rules.ReportingLineDepth, ProgrammeRules.ReportingLineDepth, "rules.reportingLineDepth");
        InRange(rules.OtherDepartmentWeight, ProgrammeRules.OtherDepartmentWeight, "rules.otherDepartmentWeight");
        InRange(rules.OtherLocationWeight, ProgrammeRules.OtherLocationWeight, "rules.otherLocationWeight");
        InRange(rules.MinimumScore, ProgrammeRules.MinimumScore, "rules.minimumScore");
        InRange(rules.ExperienceMentorCapacity, ProgrammeRules.ExperienceMentorCapacity, "rules.experienceMentorCapacity");
        InRange(rules.DigitalMentorCapacity, ProgrammeRules.DigitalMentorCapacity, "rules.digitalMentorCapacity");
        Check(AssessDigital || AssessExperience, "assessDigital", "Programme.OneAssessment");
        foreach (var (field, problem) in new[] { ("rules.mode", EnumInput.Problem("rules.mode", rules.Mode, localizer)), ("rules.proposingSide", EnumInput.Problem("rules.proposingSide", rules.ProposingSide, localizer)) })
        {
            if (problem is not null)
            {
                errors[field] = problem.Errors[field];
            }
        }

        return errors;
    }

    public void ApplyTo(Programme programme)
    {
        var rules = Rules ?? new MatchingRulesInput();
        programme.Name = Name.Trim();
        programme.Description = Description?.Trim() ?? "";
        programme.StartsOn = StartsOn;
        programme.EndsOn = EndsOn;
        programme.PlannedSessions = PlannedSessions;
        programme.CadenceWeeks = CadenceWeeks;
        programme.AssessDigital = AssessDigital;
        programme.AssessExperience = AssessExperience;
        programme.OpenForApplications = OpenForApplications;
        programme.Rules = new MatchingRules
        {
            ReportingLineDepth = rules.ReportingLineDepth,
            OtherDepartmentWeight = rules.OtherDepartmentWeight,
            OtherLocationWeight = rules.OtherLocationWeight,
            MinimumScore = rules.MinimumScore,
            ExperienceMentorCapacity = rules.ExperienceMentorCapacity,
            DigitalMentorCapacity = rules.DigitalMentorCapacity,
            RequireCommonLanguage = rules.RequireCommonLanguage,
            Mode = rules.Mode,
            ProposingSide = rules.ProposingSide,
        };
    }
}

public sealed record MatchingRulesInput(
    int ReportingLineDepth = ProgrammeRules.DefaultReportingLineDepth,
    int OtherDepartmentWeight = ProgrammeRules.DefaultOtherDepartmentWeight,
    int OtherLocationWeight = ProgrammeRules.DefaultOtherLocationWeight,
    int MinimumScore = ProgrammeRules.DefaultMinimumScore,
    int ExperienceMentorCapacity = ProgrammeRules.DefaultExperienceMentorCapacity,
    bool RequireCommonLanguage = ProgrammeRules.DefaultRequireCommonLanguage,
    MatchingMode Mode = MatchingMode.Optimal,
    Side ProposingSide = Side.DigitalMentor,
    int DigitalMentorCapacity = ProgrammeRules.DefaultDigitalMentorCapacity)
{
    public static MatchingRulesInput From(MatchingRules rules) => new(
        rules.ReportingLineDepth, rules.OtherDepartmentWeight, rules.OtherLocationWeight, rules.MinimumScore, rules.ExperienceMentorCapacity, rules.RequireCommonLanguage, rules.Mode, rules.ProposingSide, rules.DigitalMentorCapacity);
}

/// <summary>A programme as the API and the pages show it.</summary>
public sealed record ProgrammeView(
    Guid Id,
    string Name,
    string Description,
    DateOnly StartsOn,
    DateOnly EndsOn,
    int PlannedSessions,
    int CadenceWeeks,
    MatchingRulesInput Rules,
    bool AssessDigital,
    bool AssessExperience,
    bool OpenForApplications,
    ProgrammeStatus Status,
    int Participants,
    int Assessed,
    Guid Version) : IVersioned;
