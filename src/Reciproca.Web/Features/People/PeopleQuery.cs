using Microsoft.EntityFrameworkCore;
using Reciproca.Web.Infrastructure.Data;

using Reciproca.Web.Infrastructure.Web.Api;

namespace Reciproca.Web.Features.People;

/// <param name="ExternalId">Exact HR key (an index lookup, not the search).</param>
/// <param name="UpdatedSinceUtc">Only people created or changed strictly after this instant; the list is then ordered by change.</param>
public sealed record ListPeople(
    int Page = 1, int PageSize = 25, string? Search = null, string? Department = null, string? Generation = null,
    string? ExternalId = null, DateTime? UpdatedSinceUtc = null)
{
    public const int MaxPageSize = 200;
}

public sealed record PersonSummary(
    Guid Id,
    string ExternalId,
    string DisplayName,
    string? Email,
    string? Department,
    string? JobTitle,
    string? Location,
    int? BirthYear,
    string? Generation,
    Guid? ManagerId,
    IReadOnlyList<string> Languages,
    bool Active,
    DateTime UpdatedUtc);

/// <summary>Search, filters and paging over the directory, shared by the people page and the API.</summary>
public sealed class PeopleQuery(AppDbContext db, GenerationScheme generations)
{
    public async Task<PagedList<PersonSummary>> ListAsync(ListPeople request, CancellationToken cancellationToken)
    {
        var page = Math.Max(1, request.Page);
        var pageSize = Math.Clamp(request.PageSize, 1, ListPeople.MaxPageSize);
        var query = db.People.AsNoTracking();

        foreach (var term in SearchNormalizer.Terms(request.Search))
        {
            query = query.Where(p => p.SearchText.Contains(term));
        }

        if (!string.IsNullOrEmpty(request.ExternalId))
        {
            query = query.Where(p => p.ExternalId == request.ExternalId);
        }

        if (request.UpdatedSinceUtc is { } since)
        {
            query = query.Where(p => p.UpdatedUtc > since);
        }

        if (!string.IsNullOrWhiteSpace(request.Department))
        {
            query = query.Where(p => p.Department == request.Department);
        }

        if (!string.IsNullOrWhiteSpace(request.Generation))
        {
            if (request.Generation == "unknown")
            {
                query = query.Where(p => p.BirthYear == null);
            }
            else if (generations.Find(request.Generation) is { } generation)
            {
                query = query.Where(p => p.BirthYear >= generation.FirstBirthYear && p.BirthYear <= generation.LastBirthYear);
            }
            else
            {
                query = query.Where(_ => false);
            }
        }

        var total = await query.CountAsync(cancellationToken);
        // A sync client pages through changes oldest first and keeps the last updatedUtc it saw as its next watermark.
        var ordered = request.UpdatedSinceUtc is null
            ? query.OrderBy(p => p.DisplayName).ThenBy(p => p.ExternalId)
            : query.OrderBy(p => p.UpdatedUtc).ThenBy(p => p.ExternalId);
        var rows = await ordered
            .Skip((page - 1) * pageSize).Take(pageSize)
            .ToListAsync(cancellationToken);

        return new PagedList<PersonSummary>(total, page, pageSize, [.. rows.Select(ToSummary)]);
    }

    public async Task<PersonSummary?> FindAsync(Guid id, CancellationToken cancellationToken)
    {
        var person = await db.People.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
        return person is null ? null : ToSummary(person);
    }

    public Task<List<string>> DepartmentsAsync(CancellationToken cancellationToken) =>
        db.People.AsNoTracking().Where(p => p.Department != null).Select(p => p.Department!).Distinct().OrderBy(d => d).ToListAsync(cancellationToken);

    public PersonSummary ToSummary(Person p) => new(
        p.Id, p.ExternalId, p.DisplayName, p.Email, p.Department, p.JobTitle, p.Location, p.BirthYear,
        generations.Of(p.BirthYear)?.Key, p.ManagerId, p.Languages, p.DeactivatedUtc is null, p.UpdatedUtc);
}
