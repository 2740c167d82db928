using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Reciproca.Web.Features.People.Import;

namespace Reciproca.Web.Tests.Support;

/// <summary>Builds the multipart request of <c>POST /api/v1/people/import</c>, as an HR system would send it.</summary>
public static class ImportRequest
{
    public static readonly JsonSerializerOptions Json = Reciproca.Web.Infrastructure.Web.Api.ApiJson.Options;

    public static readonly Dictionary<string, string> IbmMapping = new()
    {
        ["externalId"] = "EmployeeNumber",
        ["age"] = "Age",
        ["department"] = "Department",
        ["jobTitle"] = "JobRole",
        ["gender"] = "Gender",
    };

    public static Task<HttpResponseMessage> PostAsync(
        HttpClient client, byte[] file, IReadOnlyDictionary<string, string> mapping, bool dryRun = false, string? culture = null, string? ageReferenceDate = null)
    {
        var form = new MultipartFormDataContent
        {
            { new ByteArrayContent(file), "file", "people.csv" },
            { new StringContent(JsonSerializer.Serialize(mapping)), "mapping" },
        };
        if (culture is not null)
        {
            form.Add(new StringContent(culture), "culture");
        }

        if (ageReferenceDate is not null)
        {
            form.Add(new StringContent(ageReferenceDate), "ageReferenceDate");
        }

        return client.PostAsync($"/api/v1/people/import?dryRun={(dryRun ? "true" : "false")}", form);
    }

    public static async Task<ImportResult> ReadResultAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"Expected {expected}, got {(int)response.StatusCode}: {body}");
        return JsonSerializer.Deserialize<ImportResult>(body, Json)!;
    }

    public static byte[] Utf8(string text, bool bom = false) =>
        bom ? [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text)] : Encoding.UTF8.GetBytes(text);

    /// <summary>Every stored column of every person, in key order: equal snapshots mean an untouched directory.</summary>
    public static Task<string> SnapshotAsync(ReciprocaFactory factory) => factory.WithDbAsync(async db =>
    {
        var people = await db.People.AsNoTracking().OrderBy(p => p.ExternalId).ToListAsync();
        return JsonSerializer.Serialize(people, Json);
    });

    public static Task<int> CountAsync(ReciprocaFactory factory) => factory.WithDbAsync(db => db.People.CountAsync());

    public static Task<Reciproca.Web.Features.People.Person> PersonAsync(ReciprocaFactory factory, string externalId) =>
        factory.WithDbAsync(db => db.People.AsNoTracking().SingleAsync(p => p.ExternalId == externalId));

    public static Task<HttpResponseMessage> GetPeopleAsync(HttpClient client, string query) => client.GetAsync($"/api/v1/people?{query}");

    public static async Task<T> ReadJsonAsync<T>(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<T>(Json))!;

}
