using System.Net;
using System.Text;
using Reciproca.Web.Infrastructure.Auth;
using Reciproca.Web.Tests.Support;

namespace Reciproca.Web.Tests.Features.People;

/// <summary>
/// The import wizard's upload, as a browser posts it. The upload is kept on disk, not in the database, so one engine
/// is enough; the import itself is tested on both in <see cref="PeopleImportTests"/>.
/// </summary>
public sealed class PeopleImportPageTests(SqliteAppFixture fixture) : IClassFixture<SqliteAppFixture>
{
    private ReciprocaFactory Factory => fixture.Require();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, byte[] file)
    {
        var page = await client.GetStringAsync("/People/Import", Ct);
        using var form = new MultipartFormDataContent
        {
            { new StringContent(BrowserSession.AntiforgeryToken(page)), "__RequestVerificationToken" },
            { new ByteArrayContent(file), "CsvFile", "people.csv" },
        };
        return await client.PostAsync("/People/Import?handler=Upload", form, Ct);
    }

    [Fact]
    public async Task A_file_within_the_limit_is_kept_for_the_next_step()
    {
        using var hr = await BrowserSession.SignedInAsync(Factory, Roles.ProgrammeManager);

        var response = await UploadAsync(hr, Encoding.UTF8.GetBytes("id;name\r\nA1;Anna Rossi\r\n"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("upload=", response.Headers.Location?.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_50_MB_file_gets_a_413_page_that_names_the_limit()
    {
        using var hr = await BrowserSession.SignedInAsync(Factory, Roles.ProgrammeManager);

        var response = await UploadAsync(hr, Encoding.ASCII.GetBytes("id\r\n" + new string('1', 50 * 1024 * 1024)));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var html = await response.Content.ReadAsStringAsync(Ct);
        Assert.Contains("The file is too large", html, StringComparison.Ordinal);
        Assert.Contains("10 MB", html, StringComparison.Ordinal);
    }
}
