using System.Net;
using System.Net.Http.Json;
using Reciproca.Web.Features.Pairs;
using Reciproca.Web.Features.Programmes;
using Reciproca.Web.Tests.Support;

namespace Reciproca.Web.Tests.Contract;

/// <summary>
/// ARCHITECTURE.md, API contract: versioned resources send <c>ETag</c>; a change sends it back in <c>If-Match</c>;
/// a stale one is 412, a missing one 428. For the programme and for the pact (edit and signature).
/// </summary>
public abstract class PreconditionTests(AppFixture fixture)
{
    private ReciprocaFactory Factory => fixture.Require();

    private static HttpRequestMessage Request(HttpMethod method, string url, object? body, string? ifMatch)
    {
        var request = new HttpRequestMessage(method, url) { Content = body is null ? null : JsonContent.Create(body, options: ContractWorld.Json) };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return request;
    }

    private static string ETagOf(HttpResponseMessage response) =>
        response.Headers.ETag?.ToString() ?? throw new Xunit.Sdk.XunitException($"{response.RequestMessage?.RequestUri}: no ETag");

    private static async Task AssertProblemAsync(HttpStatusCode expected, HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == expected, $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: expected {(int)expected}, got {(int)response.StatusCode} {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_programme_is_changed_with_the_etag_it_was_read_with()
    {
        var world = await ContractWorld.ArrangeAsync(Factory);
        var ct = TestContext.Current.CancellationToken;
        var read = await world.Hr.GetAsync(world.Url, ct);
        var programme = (await read.Content.ReadFromJsonAsync<ProgrammeView>(ContractWorld.Json, ct))!;
        var etag = ETagOf(read);
        var input = new ProgrammeInput("Rinominato", programme.Description, programme.StartsOn, programme.EndsOn, OpenForApplications: true);

        var missing = await world.Hr.SendAsync(Request(HttpMethod.Put, world.Url, input, null), ct);
        var changed = await world.Hr.SendAsync(Request(HttpMethod.Put, world.Url, input, etag), ct);
        var stale = await world.Hr.SendAsync(Request(HttpMethod.Put, world.Url, input with { Name = "Di nuovo" }, etag), ct);
        var weak = await world.Hr.SendAsync(Request(HttpMethod.Put, world.Url, input with { Name = "Debole" }, $"W/{ETagOf(changed)}"), ct);

        Assert.Equal($"\"{programme.Version}\"", etag);
        await AssertProblemAsync(HttpStatusCode.PreconditionRequired, missing);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        var after = (await changed.Content.ReadFromJsonAsync<ProgrammeView>(ContractWorld.Json, ct))!;
        Assert.Equal($"\"{after.Version}\"", ETagOf(changed));
        Assert.NotEqual(etag, ETagOf(changed));
        await AssertProblemAsync(HttpStatusCode.PreconditionFailed, stale);
        await AssertProblemAsync(HttpStatusCode.PreconditionFailed, weak);
        var again = await world.Hr.GetAsync(world.Url, ct);
        Assert.Equal(ETagOf(changed), ETagOf(again));
        Assert.Equal("Rinominato", (await again.Content.ReadFromJsonAsync<ProgrammeView>(ContractWorld.Json, ct))!.Name);
    }

    [Fact]
    public async Task A_pact_is_edited_and_signed_with_the_etag_it_was_read_with()
    {
        var world = await ContractWorld.ArrangeAsync(Factory);
        var ct = TestContext.Current.CancellationToken;
        var read = await world.Junior.GetAsync(world.PactUrl, ct);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        var pact = (await read.Content.ReadFromJsonAsync<PactView>(ContractWorld.Json, ct))!;
        var etag = ETagOf(read);

        var missingEdit = await world.Senior.SendAsync(Request(HttpMethod.Put, world.PactUrl, ContractWorld.SignablePact(8), null), ct);
        var edit = await world.Senior.SendAsync(Request(HttpMethod.Put, world.PactUrl, ContractWorld.SignablePact(8), etag), ct);
        var staleEdit = await world.Junior.SendAsync(Request(HttpMethod.Put, world.PactUrl, ContractWorld.SignablePact(9), etag), ct);
        var edited = ETagOf(edit);
        var missingSign = await world.Junior.SendAsync(Request(HttpMethod.Post, $"{world.PactUrl}/sign", null, null), ct);
        var staleSign = await world.Junior.SendAsync(Request(HttpMethod.Post, $"{world.PactUrl}/sign", null, etag), ct);
        var signed = await world.Junior.SendAsync(Request(HttpMethod.Post, $"{world.PactUrl}/sign", null, edited), ct);

        Assert.Equal($"\"{pact.Version}\"", etag);
        await AssertProblemAsync(HttpStatusCode.PreconditionRequired, missingEdit);
        Assert.True(edit.StatusCode == HttpStatusCode.OK, await edit.Content.ReadAsStringAsync(ct));
        Assert.Equal($"\"{(await edit.Content.ReadFromJsonAsync<PactView>(ContractWorld.Json, ct))!.Version}\"", edited);
        Assert.NotEqual(etag, edited);
        await AssertProblemAsync(HttpStatusCode.PreconditionFailed, staleEdit);
        await AssertProblemAsync(HttpStatusCode.PreconditionRequired, missingSign);
        await AssertProblemAsync(HttpStatusCode.PreconditionFailed, staleSign);
        Assert.True(signed.StatusCode == HttpStatusCode.OK, await signed.Content.ReadAsStringAsync(ct));
        var afterSigning = (await signed.Content.ReadFromJsonAsync<PactView>(ContractWorld.Json, ct))!;
        Assert.True(afterSigning.DigitalMentorSigned);
        Assert.Equal($"\"{afterSigning.Version}\"", ETagOf(signed));
        Assert.Equal(ETagOf(signed), ETagOf(await world.Senior.GetAsync(world.PactUrl, ct)));
    }
}

public sealed class PreconditionSqliteTests(SqliteAppFixture fixture) : PreconditionTests(fixture), IClassFixture<SqliteAppFixture>;

public sealed class PreconditionPostgresTests(PostgresAppFixture fixture) : PreconditionTests(fixture), IClassFixture<PostgresAppFixture>;
