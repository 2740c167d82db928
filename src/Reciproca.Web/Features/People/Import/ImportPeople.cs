using System.Globalization;

namespace Reciproca.Web.Features.People.Import;

/// <summary>
/// Import people from an HR export. <paramref name="Mapping"/> maps a target field (see <see cref="ImportFields"/>)
/// to a column header of the file. Nothing is written when <paramref name="DryRun"/> is set or when any row is rejected.
/// </summary>
public sealed record ImportPeople(
    Stream File,
    IReadOnlyDictionary<string, string> Mapping,
    CultureInfo? Culture,
    DateOnly? AgeReferenceDate,
    bool DryRun);

/// <summary>One problem found in the file. <see cref="Row"/> is the record's row as a spreadsheet shows it (the header is row 1); 0 for the file as a whole.</summary>
public sealed record ImportError(int Row, string? Column, string Message);

public sealed record ImportResult(int Created, int Updated, int Unchanged, int Rejected, IReadOnlyList<ImportError> Errors, bool DryRun)
{
    public bool Succeeded => Errors.Count == 0;

    public int Total => Created + Updated + Unchanged + Rejected;
}

/// <summary>The target fields an import can fill.</summary>
public static class ImportFields
{
    public const string ExternalId = "externalId";
    public const string Email = "email";
    public const string GivenName = "givenName";
    public const string FamilyName = "familyName";
    public const string DisplayName = "displayName";
    public const string BirthYear = "birthYear";
    public const string BirthDate = "birthDate";
    public const string Age = "age";
    public const string Gender = "gender";
    public const string Department = "department";
    public const string JobTitle = "jobTitle";
    public const string Location = "location";
    public const string ManagerExternalId = "managerExternalId";
    public const string HireDate = "hireDate";
    public const string Languages = "languages";
    public const string TimeZone = "timeZone";

    public static IReadOnlyList<string> All { get; } =
    [
        ExternalId, Email, GivenName, FamilyName, DisplayName, BirthYear, BirthDate, Age, Gender, Department,
        JobTitle, Location, ManagerExternalId, HireDate, Languages, TimeZone,
    ];

    /// <summary>Only one of these may be mapped: each gives the birth year.</summary>
    public static IReadOnlyList<string> BirthYearSources { get; } = [BirthYear, BirthDate, Age];

    public static string? Canonical(string name) => All.FirstOrDefault(f => string.Equals(f, name.Trim(), StringComparison.OrdinalIgnoreCase));
}
