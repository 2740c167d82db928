using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Reciproca.Web.Tests.Support;

namespace Reciproca.Web.Tests.Contract;

/// <summary>
/// ARCHITECTURE.md, API contract: malformed input is a 400 validation problem naming the field, never a 500. Driven by
/// the OpenAPI document: every operation with a JSON body or query/header parameters gets broken input of each kind
/// its schema allows, with real ids in the route so that the request reaches binding.
/// </summary>
public abstract class MalformedInputTests(AppFixture fixture)
{
    private ReciprocaFactory Factory => fixture.Require();

    private sealed record Case(ContractOperation Operation, string Name, string Url, HttpContent? Content, string? Field, (string Name, string Value)? Header = null);

    private static IEnumerable<Case> CasesOf(ContractOperation operation, IReadOnlyDictionary<string, string> ids)
    {
        var url = operation.UrlWith(ids);
        if (operation.JsonBody is { } schema)
        {
            var sample = ContractDocument.Sample(schema)!;
            yield return new Case(operation, "broken JSON", url, Json("{\"name\": "), null);
            yield return new Case(operation, "top level []", url, Json("[]"), "body");
            yield return new Case(operation, "top level \"x\"", url, Json("\"x\""), "body");
            yield return new Case(operation, "text/plain body", url, new StringContent(sample.ToJsonString(), Encoding.UTF8, "text/plain"), "body");
            foreach (var (path, kind, wrong) in ContractDocument.Typed(schema))
            {
                yield return new Case(operation, $"{kind} {path}={wrong.ToJsonString()}", url, Json(ContractDocument.With(sample, path, wrong).ToJsonString()), path);
            }
        }

        var body = operation.JsonBody is { } json ? ContractDocument.Sample(json)!.ToJsonString() : null;
        foreach (var parameter in operation.ParametersIn("query"))
        {
            var name = parameter["name"]!.GetValue<string>();
            var parameterSchema = ContractDocument.Resolve(parameter["schema"]);
            var wrong = parameterSchema["enum"] is not null ? "Nope" : ContractDocument.TypeOf(parameterSchema) switch
            {
                "integer" => "abc",
                "boolean" => "maybe",
                _ => null,
            };
            if (wrong is not null)
            {
                yield return new Case(operation, $"query {name}={wrong}", $"{url}?{name}={wrong}", body is null ? null : Json(body), name);
            }
        }

        foreach (var parameter in operation.ParametersIn("header"))
        {
            // A header typed as a string cannot be of the wrong type; an unreadable one must still be a documented
            // problem: an entity tag that names no version, an idempotency key longer than 255 characters.
            var header = parameter["name"]!.GetValue<string>();
            var value = header == "Idempotency-Key" ? new string('k', 256) : "garbage";
            // The key is the client's own value, so its problem names it; a stale tag is a 412, not a field error.
            var field = header == "Idempotency-Key" ? header : null;
            yield return new Case(operation, $"header {header}: {value[..Math.Min(value.Length, 12)]}…", url, body is null ? null : Json(body), field, (header, value));
        }
    }

    private static StringContent Json(string text) => new(text, Encoding.UTF8, "application/json");

    [Fact]
    public async Task Every_operation_that_takes_input_answers_malformed_input_with_a_400_naming_the_field()
    {
        var world = await ContractWorld.ArrangeAsync(Factory);
        using var admin = Factory.CreateApiClient();
        var cases = ContractDocument.Operations.SelectMany(op => CasesOf(op, world.PathValues)).ToList();
        var failures = new List<string>();

        foreach (var test in cases)
        {
            using var request = new HttpRequestMessage(new HttpMethod(test.Operation.Method), test.Url) { Content = test.Content };
            if (test.Header is not null)
            {
                request.Headers.TryAddWithoutValidation(test.Header.Value.Name, test.Header.Value.Value);
            }

            using var response = await admin.SendAsync(request, TestContext.Current.CancellationToken);
            var failure = test.Header is null || test.Field is not null
                ? await ValidationFailureAsync(response, test.Field)
                : await DocumentedProblemFailureAsync(response, test.Operation);
            if (failure is not null)
            {
                failures.Add($"{test.Operation} [{test.Name}]: {failure}");
            }
        }

        // Every operation with a JSON body or a query/header parameter was tried at least once.
        var covered = cases.Select(c => c.Operation.Id).ToHashSet(StringComparer.Ordinal);
        var takingInput = ContractDocument.Operations.Where(op => op.JsonBody is not null || op.ParametersIn("query").Any() || op.ParametersIn("header").Any()).ToList();
        Assert.True(takingInput.Count >= 15, $"Only {takingInput.Count} operations take input: is the document read?");
        Assert.All(takingInput, op => Assert.Contains(op.Id, covered));
        Assert.True(failures.Count == 0, $"{failures.Count} of {cases.Count} malformed requests were not answered as the contract says:\n{string.Join("\n", failures)}");
    }

    [Fact]
    public async Task A_malformed_id_in_the_path_is_a_400_naming_the_parameter()
    {
        var world = await ContractWorld.ArrangeAsync(Factory);
        using var admin = Factory.CreateApiClient();
        var failures = new List<string>();
        var tried = 0;

        foreach (var operation in ContractDocument.Operations)
        {
            foreach (var parameter in operation.ParametersIn("path"))
            {
                // Only ids can be malformed: a text key (the HR key of a person) has no malformed form.
                if (parameter["schema"]?["format"]?.GetValue<string>() != "uuid")
                {
                    continue;
                }

                var name = parameter["name"]!.GetValue<string>();
                var values = new Dictionary<string, string>(world.PathValues, StringComparer.Ordinal) { [name] = "not-a-uuid" };
                using var request = new HttpRequestMessage(new HttpMethod(operation.Method), operation.UrlWith(values))
                {
                    Content = operation.JsonBody is { } schema ? Json(ContractDocument.Sample(schema)!.ToJsonString()) : null,
                };
                using var response = await admin.SendAsync(request, TestContext.Current.CancellationToken);
                tried++;
                // A malformed id is malformed input like any other: a 400 naming the parameter, never a 404 or a 500.
                if (await ValidationFailureAsync(response, name) is { } failure)
                {
                    failures.Add($"{operation} [{name}=not-a-uuid]: {failure}");
                }
            }
        }

        Assert.True(tried >= 20, $"Only {tried} path parameters: is the document read?");
        Assert.True(failures.Count == 0, $"{failures.Count} of {tried} malformed ids:\n{string.Join("\n", failures)}");
    }

    /// <summary>Null when the answer is a 400 problem with an <c>errors</c> entry (for <paramref name="field"/>, if given).</summary>
    internal static async Task<string?> ValidationFailureAsync(HttpResponseMessage response, string? field)
    {
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var contentType = response.Content.Headers.ContentType?.MediaType;
        if (response.StatusCode != HttpStatusCode.BadRequest || contentType != "application/problem+json")
        {
            return $"{(int)response.StatusCode} {contentType} {Truncate(body)}";
        }

        JsonObject? errors;
        try
        {
            errors = JsonNode.Parse(body)?["errors"] as JsonObject;
        }
        catch (JsonException)
        {
            return $"400 with a body that is not JSON: {Truncate(body)}";
        }

        if (errors is null || errors.Count == 0)
        {
            return $"400 without an errors entry: {Truncate(body)}";
        }

        return field is null || errors.ContainsKey(field) ? null : $"400 naming {string.Join(", ", errors.Select(e => e.Key))}, not {field}: {Truncate(body)}";
    }

    private static async Task<string?> DocumentedProblemFailureAsync(HttpResponseMessage response, ContractOperation operation)
    {
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var status = (int)response.StatusCode;
        return status is >= 400 and < 500 && operation.Responses.Contains(status) && response.Content.Headers.ContentType?.MediaType == "application/problem+json"
            ? null
            : $"{status} (documented: {string.Join(", ", operation.Responses.Order())}) {response.Content.Headers.ContentType} {Truncate(body)}";
    }

    private static string Truncate(string body) => body.Length <= 300 ? body : body[..300] + "…";
}

public sealed class MalformedInputSqliteTests(SqliteAppFixture fixture) : MalformedInputTests(fixture), IClassFixture<SqliteAppFixture>;

public sealed class MalformedInputPostgresTests(PostgresAppFixture fixture) : MalformedInputTests(fixture), IClassFixture<PostgresAppFixture>;
