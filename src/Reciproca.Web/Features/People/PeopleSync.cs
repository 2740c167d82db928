using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Reciproca.Web.Features.People.Import;
using Reciproca.Web.Infrastructure.Data;
using Reciproca.Web.Infrastructure.Web;

namespace Reciproca.Web.Features.People;

/// <summary>
/// One person as an HR system sends it: the fields an import can map, typed. PUT replaces: a property left out or
/// null clears that field (the display name is then generated, as the import does). Give at most one of
/// <see cref="BirthYear"/>, <see cref="BirthDate"/> and <see cref="Age"/>; only the year is stored.
/// </summary>
/// <param name="Languages">Language codes or names, e.g. ["it", "en"]; stored lower-case.</param>
/// <param name="TimeZone">An IANA name such as Europe/Rome.</param>
/// <param name="ManagerExternalId">The manager's HR key; the manager must already be in the directory.</param>
/// <param name="Age">In years today, when the HR system knows neither birth year nor birth date.</param>
public sealed record PutPerson(
    string? Email = null,
    string? GivenName = null,
    string? FamilyName = null,
    string? DisplayName = null,
    int? BirthYear = null,
    DateOnly? BirthDate = null,
    int? Age = null,
    string? Gender = null,
    string? Department = null,
    string? JobTitle = null,
    string? Location = null,
    string? ManagerExternalId = null,
    DateOnly? HireDate = null,
    IReadOnlyList<string>? Languages = null,
    string? TimeZone = null)
{
    /// <summary>
    /// The body as the import's row: target field to text, in the import's invariant (ISO) formats, so that the
    /// import's reader applies every rule to it. All fields are mapped (PUT replaces), and one birth-year source.
    /// </summary>
    internal List<KeyValuePair<string, string>> ToRow(string externalId)
    {
        static string Iso(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";
        static string Number(int? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "";

        var row = new List<KeyValuePair<string, string>>
        {
            new(ImportFields.ExternalId, externalId),
            new(ImportFields.Email, Email ?? ""),
            new(ImportFields.GivenName, GivenName ?? ""),
            new(ImportFields.FamilyName, FamilyName ?? ""),
            new(ImportFields.DisplayName, DisplayName ?? ""),
            new(ImportFields.Gender, Gender ?? ""),
            new(ImportFields.Department, Department ?? ""),
            new(ImportFields.JobTitle, JobTitle ?? ""),
            new(ImportFields.Location, Location ?? ""),
            new(ImportFields.ManagerExternalId, ManagerExternalId ?? ""),
            new(ImportFields.HireDate, Iso(HireDate)),
            new(ImportFields.Languages, string.Join(',', Languages ?? [])),
            new(ImportFields.TimeZone, TimeZone ?? ""),
        };

        // Each given source is mapped, so that two of them meet the import's "only one" rule; none clears the year.
        if (BirthYear is not null)
        {
            row.Add(new(ImportFields.BirthYear, Number(BirthYear)));
        }

        if (BirthDate is not null)
        {
            row.Add(new(ImportFields.BirthDate, Iso(BirthDate)));
        }

        if (Age is not null)
        {
            row.Add(new(ImportFields.Age, Number(Age)));
        }

        if (BirthYear is null && BirthDate is null && Age is null)
        {
            row.Add(new(ImportFields.BirthYear, ""));
        }

        return row;
    }
}

/// <summary>The written person, and whether the PUT created them (201) or updated them (200).</summary>
public sealed record PersonPut(PersonSummary Person, bool Created);

/// <summary>People one at a time, for HR systems that sync: upsert by HR key, and deactivation of leavers.</summary>
public sealed class PeopleSyncHandler(AppDbContext db, ImportPeopleHandler import, PeopleQuery query, TimeProvider time, IStringLocalizer<SharedResource> localizer)
{
    public async Task<Result<PersonPut>> PutAsync(string externalId, PutPerson body, CancellationToken cancellationToken)
    {
        var upserted = await import.UpsertOneAsync(body.ToRow(externalId), cancellationToken);
        if (!upserted.Succeeded)
        {
            return upserted.Problem!;
        }

        var person = await query.FindAsync(upserted.Value!.Id, cancellationToken);
        return new PersonPut(person!, upserted.Value.Created);
    }

    /// <summary>Marks a leaver; their pairs and assessments stay. Deactivating again changes nothing.</summary>
    public async Task<Result<PersonSummary>> DeactivateAsync(Guid id, CancellationToken cancellationToken)
    {
        var person = await db.People.SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (person is null)
        {
            return Problem.NotFound(localizer["People.NotFound", id]);
        }

        if (person.DeactivatedUtc is null)
        {
            var now = time.GetUtcNow().UtcDateTime;
            person.DeactivatedUtc = now;
            person.Touch(now);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateConcurrencyException)
            {
                return Problem.Conflict(localizer["People.UpsertConflict"]);
            }
        }

        return query.ToSummary(person);
    }
}
