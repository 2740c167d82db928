using Microsoft.Extensions.Localization;
using Reciproca.Web.Infrastructure.Web.Api;

namespace Reciproca.Web.Features.Programmes;

/// <summary>What HR designs: the body of create and update. Omitted rules take the defaults.</summary>
public sealed record ProgrammeInput(
    string Name,
    string? Description,
    DateOnly StartsOn,
    DateOnly EndsOn,
    int PlannedSessions = 6,
    int CadenceWeeks = 12,
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

        Check(!string.IsNullOrWhiteSpace(Name) && Name.Trim().Length <= 200, "name", "Programme.NameRequired");
        Check((Description ?? "").Length <= 4000, "description", "Programme.DescriptionTooLong");
        Check(EndsOn > StartsOn, "endsOn", "Programme.EndsBeforeStart");
        Check(PlannedSessions is >= 1 and <= 52, "plannedSessions", "Programme.Range", 1, 52);
        Check(CadenceWeeks is >= 1 and <= 104, "cadenceWeeks", "Programme.Range", 1, 104);
        var rules = Rules ?? new MatchingRulesInput();
        Check(rules.ReportingLineDepth is >= 0 and <= 10, "rules.reportingLineDepth", "Programme.Range", 0, 10);
        Check(rules.OtherDepartmentWeight is >= 0 and <= 1000, "rules.otherDepartmentWeight", "Programme.Range", 0, 1000);
        Check(rules.OtherLocationWeight is >= 0 and <= 1000, "rules.otherLocationWeight", "Programme.Range", 0, 1000);
        Check(rules.MinimumScore is >= 0 and <= 1_000_000, "rules.minimumScore", "Programme.Range", 0, 1_000_000);
        Check(rules.ExperienceMentorCapacity is >= 1 and <= 5, "rules.experienceMentorCapacity", "Programme.Range", 1, 5);
        Check(AssessDigital || AssessExperience, "assessDigital", "Programme.OneAssessment");
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
            RequireCommonLanguage = rules.RequireCommonLanguage,
        };
    }
}

public sealed record MatchingRulesInput(
    int ReportingLineDepth = 2,
    int OtherDepartmentWeight = 10,
    int OtherLocationWeight = 5,
    int MinimumScore = 1,
    int ExperienceMentorCapacity = 1,
    bool RequireCommonLanguage = true)
{
    public static MatchingRulesInput From(MatchingRules rules) => new(
        rules.ReportingLineDepth, rules.OtherDepartmentWeight, rules.OtherLocationWeight, rules.MinimumScore, rules.ExperienceMentorCapacity, rules.RequireCommonLanguage);
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
