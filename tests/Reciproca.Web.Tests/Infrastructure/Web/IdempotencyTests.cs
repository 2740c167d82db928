using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Reciproca.Web.Features.Programmes;
using Reciproca.Web.Infrastructure.Auth;
using Reciproca.Web.Infrastructure.Jobs;
using Reciproca.Web.Infrastructure.Web.Api;
using Reciproca.Web.Tests.Support;

namespace Reciproca.Web.Tests.Web;

/// <summary>
/// <c>Idempotency-Key</c> on the API's POSTs (ADR 0012), through the programme creation: a retry answers the first
/// answer, never creates twice, and a key is one account's and one request's.
/// </summary>
public abstract class IdempotencyTests(AppFixture fixture)
{
    private const string Url = "/api/v1/programmes";

    private static readonly JsonSerializerOptions _json = ApiJson.Options;

    private ReciprocaFactory Factory => fixture.Require();

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static string NewName() => $"Idempotent {Guid.NewGuid():N}";

    private static ProgrammeInput Programme(string name) =>
        new(name, "Reverse mentoring pilot", new DateOnly(2027, 1, 11), new DateOnly(2027, 4, 9), 6, 12, new MatchingRulesInput(ExperienceMentorCapacity: 2));

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, object body, string? key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Url) { Content = JsonContent.Create(body, options: _json) };
        if (key is not null)
        {
            request.Headers.TryAddWithoutValidation(IdempotencyKeys.HeaderName, key);
        }

        return await client.SendAsync(request, Cancel);
    }

    private Task<int> CountAsync(string name) => Factory.WithDbAsync(db => db.Programmes.CountAsync(p => p.Name == name, Cancel));

    private static bool Replayed(HttpResponseMessage response) =>
        response.Headers.TryGetValues(IdempotencyKeys.ReplayedHeader, out var values) && values.SequenceEqual(["true"]);

    [Fact]
    public async Task A_retry_with_the_same_key_gets_the_first_answer_and_creates_nothing_more()
    {
        using var hr = await Factory.CreateClientInRoleAsync(Roles.ProgrammeManager);
        var name = NewName();
        var key = Guid.NewGuid().ToString();

        var first = await PostAsync(hr, Programme(name), key);
        var retry = await PostAsync(hr, Programme(name), key);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        Assert.False(Replayed(first));
        Assert.True(Replayed(retry));
        Assert.NotNull(first.Headers.Location);
        Assert.Equal(first.Headers.Location, retry.Headers.Location);
        var body = await first.Content.ReadAsStringAsync(Cancel);
        Assert.Equal(body, await retry.Content.ReadAsStringAsync(Cancel));
        Assert.Equal(first.Content.Headers.ContentType, retry.Content.Headers.ContentType);
        Assert.Equal($"{Url}/{JsonSerializer.Deserialize<ProgrammeView>(body, _json)!.Id}", retry.Headers.Location!.OriginalString);
        Assert.Equal(1, await CountAsync(name));
    }

    [Fact]
    public async Task The_key_sent_as_a_quoted_string_is_the_same_key()
    {
        using var hr = await Factory.CreateClientInRoleAsync(Roles.ProgrammeManager);
        var name = NewName();
        var key = Guid.NewGuid().ToString();

        var first = await PostAsync(hr, Programme(name), key);
        var retry = await PostAsync(hr, Programme(name), $"\"{key}\"");

        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.Created), (first.StatusCode, retry.StatusCode));
        Assert.True(Replayed(retry));
        Assert.Equal(1, await CountAsync(name));
    }

    [Fact]
    public async Task The_same_key_on_a_different_request_is_422_and_creates_nothing()
    {
        using var hr = await Factory.CreateClientInRoleAsync(Roles.ProgrammeManager);
        var (name, other) = (NewName(), NewName());
        var key = Guid.NewGuid().ToString();

        var first = await PostAsync(hr, Programme(name), key);
        var different = await PostAsync(hr, Programme(other), key);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, different.StatusCode);
        Assert.Equal("application/problem+json", different.Content.Headers.ContentType?.MediaType);
        Assert.False(Replayed(different));
        Assert.Contains("different request", await different.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        Assert.Equal((1, 0), (await CountAsync(name), await CountAsync(other)));
    }

    [Fact]
    public async Task Another_account_with_the_same_key_is_a_request_of_its_own()
    {
        using var hr = await Factory.CreateClientInRoleAsync(Roles.ProgrammeManager);
        using var colleague = await Factory.CreateClientInRoleAsync(Roles.ProgrammeManager);
        var name = NewName();
        var key = Guid.NewGuid().ToString();

        var mine = await PostAsync(hr, Programme(name), key);
        var theirs = await PostAsync(colleague, Programme(name), key);

        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.Created), (mine.StatusCode, theirs.StatusCode));
        Assert.False(Replayed(theirs));
        Assert.NotEqual(mine.Headers.Location, theirs.Headers.Location);
        Assert.Equal(2, await CountAsync(name));
    }

    [Fact]
    public async Task Concurrent_requests_with_one_key_create_once_and_the_others_are_told_or_replayed()
    {
        using var hr = await Factory.CreateClientInRoleAsync(Roles.ProgrammeManager);
        const int Requests = 4;
        for (var round = 0; round < 5; round++)
        {
            var name = NewName();
            var key = Guid.NewGuid().ToString();
            var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var sending = Enumerable.Range(0, Requests)
                .Select(_ => Task.Run(async () =>
                {
                    await gate.Task;
                    return await PostAsync(hr, Programme(name), key);
                }, Cancel))
                .ToList();

            gate.SetResult();
            var responses = await Task.WhenAll(sending);

            Assert.Equal(1, await CountAsync(name));
            Assert.All(responses, r => Assert.Contains(r.StatusCode, new[] { HttpStatusCode.Created, HttpStatusCode.Conflict }));
            var created = responses.Where(r => r.StatusCode == HttpStatusCode.Created).ToList();
            Assert.Single(created, r => !Replayed(r));
            var bodies = await Task.WhenAll(created.Select(r => r.Content.ReadAsStringAsync(Cancel)));
            Assert.Single(bodies.Distinct(StringComparer.Ordinal));
            Assert.Single(created.Select(r => r.Headers.Location).Distinct());
            foreach (var conflict in responses.Where(r => r.StatusCode == HttpStatusCode.Conflict))
            {
                Assert.Contains("in progress", await conflict.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
            }

            // Once the winner has finished, any retry is its replay.
            var late = await PostAsync(hr, Programme(name), key);
            Assert.Equal(HttpStatusCode.Created, late.StatusCode);
            Assert.True(Replayed(late));
            Assert.Equal(bodies[0], await late.Content.ReadAsStringAsync(Cancel));
        }
    }

    [Fact]
    public async Task A_failed_request_is_not_kept_so_the_fixed_request_may_reuse_its_key()
    {
        using var hr = await Factory.CreateClientInRoleAsync(Roles.ProgrammeManager);
        var name = NewName();
        var key = Guid.NewGuid().ToString();

        var invalid = await PostAsync(hr, Programme(name) with { PlannedSessions = 0 }, key);
        var invalidAgain = await PostAsync(hr, Programme(name) with { PlannedSessions = 0 }, key);
        var fixedRequest = await PostAsync(hr, Programme(name), key);
        var retry = await PostAsync(hr, Programme(name), key);

        Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.BadRequest), (invalid.StatusCode, invalidAgain.StatusCode));
        Assert.False(Replayed(invalidAgain));
        Assert.Equal(HttpStatusCode.Created, fixedRequest.StatusCode);
        Assert.False(Replayed(fixedRequest));
        Assert.True(Replayed(retry));
        Assert.Equal(1, await CountAsync(name));
    }

    [Theory]
    [InlineData("tooLong")]
    [InlineData("caf\u00e9-\u00e0-la-carte")]
    [InlineData("\"\"")]
    public async Task An_invalid_key_is_a_validation_problem_naming_the_header_and_nothing_is_created(string key)
    {
        using var hr = await Factory.CreateClientInRoleAsync(Roles.ProgrammeManager);
        var name = NewName();
        var value = key == "tooLong" ? new string('k', IdempotencyKeys.MaxKeyLength + 1) : key;

        var response = await PostAsync(hr, Programme(name), value);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancel));
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty(IdempotencyKeys.HeaderName, out _));
        Assert.Equal(0, await CountAsync(name));
    }

    [Fact]
    public async Task A_key_of_255_printable_characters_is_accepted()
    {
        using var hr = await Factory.CreateClientInRoleAsync(Roles.ProgrammeManager);
        var name = NewName();
        var key = string.Concat(Enumerable.Range(0, IdempotencyKeys.MaxKeyLength).Select(i => (char)(' ' + 1 + (i % 94))));

        var first = await PostAsync(hr, Programme(name), key);
        var retry = await PostAsync(hr, Programme(name), key);

        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.Created), (first.StatusCode, retry.StatusCode));
        Assert.True(Replayed(retry));
        Assert.Equal(1, await CountAsync(name));
    }

    [Fact]
    public async Task Records_expire_after_the_retention_and_the_hourly_job_purges_them()
    {
        var factory = Factory;
        using var hr = await factory.CreateClientInRoleAsync(Roles.ProgrammeManager);
        var (name, other) = (NewName(), NewName());
        var (key, otherKey) = (Guid.NewGuid().ToString(), Guid.NewGuid().ToString());
        Assert.Equal(HttpStatusCode.Created, (await PostAsync(hr, Programme(name), key)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await PostAsync(hr, Programme(other), otherKey)).StatusCode);

        factory.Time.Advance(TimeSpan.FromHours(23));
        Assert.True(Replayed(await PostAsync(hr, Programme(name), key)));
        factory.Time.Advance(TimeSpan.FromHours(1));

        // Past the retention the key is forgotten even before the purge: the same request runs again.
        var afterRetention = await PostAsync(hr, Programme(name), key);
        Assert.Equal(HttpStatusCode.Created, afterRetention.StatusCode);
        Assert.False(Replayed(afterRetention));
        Assert.Equal(2, await CountAsync(name));

        var ran = await factory.Services.GetRequiredService<RecurringJobHost>().RunDueAsync(Cancel);

        Assert.Contains("IdempotencyPurge", ran);
        var keys = await factory.WithDbAsync(db => db.IdempotencyRecords.Where(r => r.Key == key || r.Key == otherKey).Select(r => r.Key).ToListAsync(Cancel));
        Assert.Equal([key], keys);
        var otherAgain = await PostAsync(hr, Programme(other), otherKey);
        Assert.False(Replayed(otherAgain));
        Assert.Equal(2, await CountAsync(other));
    }

    [Fact]
    public async Task Without_a_key_every_post_creates()
    {
        using var hr = await Factory.CreateClientInRoleAsync(Roles.ProgrammeManager);
        var name = NewName();
        var records = await Factory.WithDbAsync(db => db.IdempotencyRecords.CountAsync(Cancel));

        var first = await PostAsync(hr, Programme(name), key: null);
        var second = await PostAsync(hr, Programme(name), key: null);

        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.Created), (first.StatusCode, second.StatusCode));
        Assert.False(Replayed(second));
        Assert.NotEqual(first.Headers.Location, second.Headers.Location);
        Assert.Equal(2, await CountAsync(name));
        Assert.Equal(records, await Factory.WithDbAsync(db => db.IdempotencyRecords.CountAsync(Cancel)));
    }

    [Fact]
    public async Task Every_post_of_the_api_is_covered_not_only_the_programme_creation()
    {
        using var hr = await Factory.CreateClientInRoleAsync(Roles.ProgrammeManager);
        var created = await PostAsync(hr, Programme(NewName()), key: null);
        var programme = (await created.Content.ReadFromJsonAsync<ProgrammeView>(_json, Cancel))!;
        var colleague = await Factory.CreateUserAsync(Roles.ProgrammeManager);
        var key = Guid.NewGuid().ToString();
        var url = $"{Url}/{programme.Id}/members";

        async Task<HttpResponseMessage> AddAsync()
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(new AddProgrammeMember(colleague, ProgrammeAccess.ManagerRole), options: _json) };
            request.Headers.TryAddWithoutValidation(IdempotencyKeys.HeaderName, key);
            return await hr.SendAsync(request, Cancel);
        }

        var first = await AddAsync();
        var retry = await AddAsync();

        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.Created), (first.StatusCode, retry.StatusCode));
        Assert.True(Replayed(retry));
        Assert.Equal(await first.Content.ReadAsStringAsync(Cancel), await retry.Content.ReadAsStringAsync(Cancel));
    }
}

public sealed class IdempotencySqliteTests(SqliteAppFixture fixture) : IdempotencyTests(fixture), IClassFixture<SqliteAppFixture>;

public sealed class IdempotencyPostgresTests(PostgresAppFixture fixture) : IdempotencyTests(fixture), IClassFixture<PostgresAppFixture>;
