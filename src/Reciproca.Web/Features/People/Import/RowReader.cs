using System.Globalization;
using System.Net.Mail;
using Reciproca.Web.Infrastructure.Web;
using Reciproca.Web.Infrastructure.Web.Localization;

namespace Reciproca.Web.Features.People.Import;

/// <summary>
/// Turns one CSV record into a <see cref="PersonRow"/>, or into the list of everything wrong with it. Dates and
/// numbers are read in the given culture, and always in ISO 8601.
/// </summary>
public sealed class RowReader(ImportMapping mapping, CultureInfo? culture, DateOnly ageReferenceDate, int headerCount, Func<string, object[], string> message)
{
    private static readonly string[] _isoDateFormats = ["yyyy-MM-dd", "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-ddTHH:mm:ssZ", "yyyy-MM-ddTHH:mm:ssK", "yyyyMMdd"];
    private static readonly char[] _listSeparators = [',', ';', '|', '/'];

    /// <summary>As many languages as an assessment takes.</summary>
    public const int MaxLanguages = 20;

    public (PersonRow? Row, List<ImportError> Errors) Read(int row, IReadOnlyList<string> fields)
    {
        var errors = new List<ImportError>();
        if (fields.Count < headerCount)
        {
            errors.Add(new ImportError(row, null, message(Plural.KeyFor("Import.ShortRow", fields.Count), [fields.Count, headerCount])));
            return (null, errors);
        }

        string? Text(string field, int maxLength)
        {
            if (mapping.ColumnOf(field) is not { } index)
            {
                return null;
            }

            var value = fields[index].Trim();
            if (value.Length > maxLength)
            {
                errors.Add(new ImportError(row, mapping.Headers[field], message("Import.TooLong", [maxLength])));
                return null;
            }

            if (InputText.Problem(value, message) is { } refused)
            {
                errors.Add(new ImportError(row, mapping.Headers[field], refused));
                return null;
            }

            return value.Length == 0 ? null : value;
        }

        var externalId = Text(ImportFields.ExternalId, 100);
        if (externalId is null && !errors.Any())
        {
            errors.Add(new ImportError(row, mapping.Headers[ImportFields.ExternalId], message("Import.MissingKey", [])));
        }

        var email = Text(ImportFields.Email, 320);
        if (email is not null && !IsEmail(email))
        {
            errors.Add(new ImportError(row, mapping.Headers[ImportFields.Email], message("Import.BadEmail", [email])));
        }

        var birthYear = ReadBirthYear(row, Text(ImportFields.BirthYear, 10), Text(ImportFields.BirthDate, 40), Text(ImportFields.Age, 10), errors);
        var hireDate = ReadDate(row, ImportFields.HireDate, Text(ImportFields.HireDate, 40), errors);
        var timeZone = Text(ImportFields.TimeZone, 100);
        if (timeZone is not null && !TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out _))
        {
            errors.Add(new ImportError(row, mapping.Headers[ImportFields.TimeZone], message("Import.BadTimeZone", [timeZone])));
        }

        var managerId = Text(ImportFields.ManagerExternalId, 100);
        if (managerId is not null && managerId == externalId)
        {
            errors.Add(new ImportError(row, mapping.Headers[ImportFields.ManagerExternalId], message("Import.OwnManager", [])));
        }

        var languages = (Text(ImportFields.Languages, 500) ?? "")
            .Split(_listSeparators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(l => l.ToLowerInvariant())
            .Distinct()
            .ToList();
        if (languages.Count > MaxLanguages)
        {
            errors.Add(new ImportError(row, mapping.Headers[ImportFields.Languages], message("Input.TooMany", [MaxLanguages])));
        }

        var person = new PersonRow
        {
            ExternalId = externalId ?? "",
            Mapped = mapping,
            Email = email,
            GivenName = Text(ImportFields.GivenName, 200),
            FamilyName = Text(ImportFields.FamilyName, 200),
            DisplayName = Text(ImportFields.DisplayName, 400),
            BirthYear = birthYear,
            Gender = Text(ImportFields.Gender, 100),
            Department = Text(ImportFields.Department, 200),
            JobTitle = Text(ImportFields.JobTitle, 200),
            Location = Text(ImportFields.Location, 200),
            ManagerExternalId = managerId,
            HireDate = hireDate,
            Languages = languages,
            TimeZone = timeZone,
        };
        return errors.Count == 0 ? (person, errors) : (null, errors);
    }

    private int? ReadBirthYear(int row, string? year, string? date, string? age, List<ImportError> errors)
    {
        var latest = ageReferenceDate.Year;
        if (year is not null)
        {
            if (int.TryParse(year, NumberStyles.Integer, culture ?? CultureInfo.InvariantCulture, out var value) && value >= 1900 && value <= latest)
            {
                return value;
            }

            errors.Add(new ImportError(row, mapping.Headers[ImportFields.BirthYear], message("Import.BadBirthYear", [year, latest])));
            return null;
        }

        if (date is not null)
        {
            var parsed = ReadDate(row, ImportFields.BirthDate, date, errors);
            if (parsed is { } birthDate && (birthDate.Year < 1900 || birthDate > ageReferenceDate))
            {
                errors.Add(new ImportError(row, mapping.Headers[ImportFields.BirthDate], message("Import.BadBirthYear", [date, latest])));
                return null;
            }

            return parsed?.Year;
        }

        if (age is not null)
        {
            if (int.TryParse(age, NumberStyles.Integer, culture ?? CultureInfo.InvariantCulture, out var years) && years >= 14 && years <= 110)
            {
                // Without the birthday, the year is the reference year minus the age: right or one year late.
                return latest - years;
            }

            errors.Add(new ImportError(row, mapping.Headers[ImportFields.Age], message("Import.BadAge", [age])));
        }

        return null;
    }

    private DateOnly? ReadDate(int row, string field, string? value, List<ImportError> errors)
    {
        if (value is null)
        {
            return null;
        }

        if (DateTime.TryParseExact(value, _isoDateFormats, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal, out var iso))
        {
            return DateOnly.FromDateTime(iso);
        }

        if (culture is not null && DateTime.TryParse(value, culture, DateTimeStyles.AllowWhiteSpaces, out var local))
        {
            return DateOnly.FromDateTime(local);
        }

        errors.Add(new ImportError(row, mapping.Headers[field], culture is null
            ? message("Import.BadDateIso", [value])
            : message("Import.BadDate", [value, culture.Name, culture.DateTimeFormat.ShortDatePattern])));
        return null;
    }

    private static bool IsEmail(string value) =>
        MailAddress.TryCreate(value, out var address) && address.Address == value && value.Contains('.', StringComparison.Ordinal);
}
