using Microsoft.EntityFrameworkCore;

namespace Reciproca.Web.Infrastructure.Web.Api;

/// <summary>The one envelope of every list of the API: the total of the filtered list, and one page of it.</summary>
public sealed record PagedList<T>(int Total, int Page, int PageSize, IReadOnlyList<T> Items);

/// <summary>Which page a client asks for, with the bounds every list shares (page from 1, at most 200 items).</summary>
public readonly record struct PageRequest(int Page, int PageSize)
{
    public const int DefaultPageSize = 25;
    public const int MaxPageSize = 200;

    public int Skip => (Page - 1) * PageSize;

    /// <summary>Everything in one page: for the pages of the UI, whose lists the programme bounds (never for the API).</summary>
    public static PageRequest All { get; } = new(1, int.MaxValue);

    /// <summary>Out-of-range values are brought into range rather than refused, as the people list always did.</summary>
    public static PageRequest Of(int? page, int? pageSize) =>
        new(Math.Max(1, page ?? 1), Math.Clamp(pageSize ?? DefaultPageSize, 1, MaxPageSize));
}

public static class Paging
{
    public static async Task<PagedList<T>> ToPagedListAsync<T>(this IQueryable<T> ordered, PageRequest request, CancellationToken cancellationToken)
    {
        var total = await ordered.CountAsync(cancellationToken);
        var items = await ordered.Skip(request.Skip).Take(request.PageSize).ToListAsync(cancellationToken);
        return new PagedList<T>(total, request.Page, request.PageSize, items);
    }

    /// <summary>For lists that are built in memory (bounded by the programme: its pairs, members, invitations).</summary>
    public static PagedList<T> ToPagedList<T>(this IReadOnlyCollection<T> all, PageRequest request) =>
        new(all.Count, request.Page, request.PageSize, [.. all.Skip(request.Skip).Take(request.PageSize)]);
}
