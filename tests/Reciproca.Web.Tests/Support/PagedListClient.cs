using System.Net.Http.Json;
using System.Text.Json;
using Reciproca.Web.Infrastructure.Web.Api;

namespace Reciproca.Web.Tests.Support;

public static class PagedListClient
{
    /// <summary>The items of a list endpoint's first page (every list answers <c>{ total, page, pageSize, items }</c>).</summary>
    public static async Task<List<T>?> GetItemsAsync<T>(this HttpClient client, string url, JsonSerializerOptions json, CancellationToken cancellationToken)
    {
        var page = await client.GetFromJsonAsync<PagedList<T>>(url, json, cancellationToken);
        return page is null ? null : [.. page.Items];
    }
}
