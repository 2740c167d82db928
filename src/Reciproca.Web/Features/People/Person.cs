namespace Reciproca.Web.Features.People;

/// <summary>
/// A person of the organisation, as known from the HR export. Only the birth <em>year</em> is stored
/// (privacy by design); the generation is derived from it when needed and never stored.
/// </summary>
public sealed class Person
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    /// <summary>The HR system's key; the upsert key of every import.</summary>
    public required string ExternalId { get; set; }

    public string? Email { get; set; }

    public string? GivenName { get; set; }

    public string? FamilyName { get; set; }

    public required string DisplayName { get; set; }

    public int? BirthYear { get; set; }

    /// <summary>Optional and self-described: free text, never an enumeration.</summary>
    public string? Gender { get; set; }

    public string? Department { get; set; }

    public string? JobTitle { get; set; }

    public string? Location { get; set; }

    /// <summary>The manager's key as the HR system gives it; <see cref="ManagerId"/> is resolved from it.</summary>
    public string? ManagerExternalId { get; set; }

    public Guid? ManagerId { get; set; }

    public DateOnly? HireDate { get; set; }

    /// <summary>Language codes or names as imported, lower-case, in the order given.</summary>
    public List<string> Languages { get; set; } = [];

    public string? TimeZone { get; set; }

    /// <summary>Lower-case, accent-free text over the names, e-mail and key: one portable search column.</summary>
    public string SearchText { get; set; } = "";

    public DateTime CreatedUtc { get; set; }

    /// <summary>When the person was created or last changed (import, API or deactivation): what <c>updatedSince</c> filters on.</summary>
    public DateTime UpdatedUtc { get; set; }

    /// <summary>
    /// When the person left the organisation (<c>POST /people/{id}/deactivate</c>); null while active. The row is kept
    /// for history (pairs, assessments); leavers are neither enrolled nor matched. A later API upsert is a rehire.
    /// </summary>
    public DateTime? DeactivatedUtc { get; set; }

    /// <summary>App-managed optimistic concurrency token: renewed on every change.</summary>
    public Guid Version { get; set; } = Guid.NewGuid();

    public void Touch(DateTime nowUtc)
    {
        UpdatedUtc = nowUtc;
        Version = Guid.NewGuid();
        SearchText = SearchNormalizer.Normalize($"{DisplayName} {GivenName} {FamilyName} {Email} {ExternalId} {JobTitle}");
    }
}
