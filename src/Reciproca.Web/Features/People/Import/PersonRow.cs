namespace Reciproca.Web.Features.People.Import;

/// <summary>
/// One valid row of an import: only the fields the mapping includes are set (<see cref="Mapped"/>), so that a
/// partial export never blanks out what it does not carry.
/// </summary>
public sealed class PersonRow
{
    public required string ExternalId { get; init; }

    public required ImportMapping Mapped { get; init; }

    public string? Email { get; init; }

    public string? GivenName { get; init; }

    public string? FamilyName { get; init; }

    public string? DisplayName { get; init; }

    public int? BirthYear { get; init; }

    public string? Gender { get; init; }

    public string? Department { get; init; }

    public string? JobTitle { get; init; }

    public string? Location { get; init; }

    public string? ManagerExternalId { get; init; }

    public DateOnly? HireDate { get; init; }

    public List<string> Languages { get; init; } = [];

    public string? TimeZone { get; init; }

    private bool MapsBirthYear => ImportFields.BirthYearSources.Any(Mapped.Has);

    public Person ToNewPerson(Guid id, DateTime nowUtc)
    {
        var person = new Person { Id = id, ExternalId = ExternalId, DisplayName = "", CreatedUtc = nowUtc };
        ApplyTo(person);
        person.Touch(nowUtc);
        return person;
    }

    /// <summary>Copies the mapped fields; returns whether anything changed.</summary>
    public bool ApplyTo(Person person)
    {
        var changed = false;

        void Set<T>(string field, T value, Func<Person, T> get, Action<Person, T> set)
        {
            if (Mapped.Has(field) && !EqualityComparer<T>.Default.Equals(get(person), value))
            {
                set(person, value);
                changed = true;
            }
        }

        Set(ImportFields.Email, Email, p => p.Email, (p, v) => p.Email = v);
        Set(ImportFields.GivenName, GivenName, p => p.GivenName, (p, v) => p.GivenName = v);
        Set(ImportFields.FamilyName, FamilyName, p => p.FamilyName, (p, v) => p.FamilyName = v);
        Set(ImportFields.Gender, Gender, p => p.Gender, (p, v) => p.Gender = v);
        Set(ImportFields.Department, Department, p => p.Department, (p, v) => p.Department = v);
        Set(ImportFields.JobTitle, JobTitle, p => p.JobTitle, (p, v) => p.JobTitle = v);
        Set(ImportFields.Location, Location, p => p.Location, (p, v) => p.Location = v);
        Set(ImportFields.ManagerExternalId, ManagerExternalId, p => p.ManagerExternalId, (p, v) => p.ManagerExternalId = v);
        Set(ImportFields.HireDate, HireDate, p => p.HireDate, (p, v) => p.HireDate = v);
        Set(ImportFields.TimeZone, TimeZone, p => p.TimeZone, (p, v) => p.TimeZone = v);
        if (MapsBirthYear && person.BirthYear != BirthYear)
        {
            person.BirthYear = BirthYear;
            changed = true;
        }

        if (Mapped.Has(ImportFields.Languages) && !person.Languages.SequenceEqual(Languages))
        {
            person.Languages = [.. Languages];
            changed = true;
        }

        var displayName = ComposeDisplayName(person);
        if (person.DisplayName != displayName)
        {
            person.DisplayName = displayName;
            changed = true;
        }

        return changed;
    }

    /// <summary>
    /// The mapped display name, else the person's names, else a readable generated one ("Sales Executive #1042")
    /// so that nobody appears as a bare number.
    /// </summary>
    private string ComposeDisplayName(Person person)
    {
        if (Mapped.Has(ImportFields.DisplayName) && !string.IsNullOrWhiteSpace(DisplayName))
        {
            return DisplayName;
        }

        var names = string.Join(' ', new[] { person.GivenName, person.FamilyName }.Where(n => !string.IsNullOrWhiteSpace(n)));
        if (names.Length > 0)
        {
            return names;
        }

        if (!string.IsNullOrWhiteSpace(person.DisplayName) && !Mapped.Has(ImportFields.DisplayName) && !IsGenerated(person))
        {
            return person.DisplayName;
        }

        var label = person.JobTitle ?? person.Department ?? "Person";
        return $"{label} #{person.ExternalId}";
    }

    private static bool IsGenerated(Person person) => person.DisplayName.EndsWith($" #{person.ExternalId}", StringComparison.Ordinal);
}
