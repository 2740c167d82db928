using System.Text.Json.Nodes;
using Reciproca.Web.Infrastructure.Web.OpenApi;
using Reciproca.Web.Tests.Support;

namespace Reciproca.Web.Tests.Architecture;

/// <summary>
/// The checked-in OpenAPI document (src/Reciproca.Web/openapi/v1.json, written by every Debug build) is the one the
/// application serves, and it describes every tag and protects every operation that needs a signed-in caller.
/// </summary>
public sealed class OpenApiContractTests(SqliteAppFixture fixture) : IClassFixture<SqliteAppFixture>
{
    private static string CheckedInPath { get; } = Path.Combine(TestEnvironment.RepositoryRoot, "src", "Reciproca.Web", "openapi", "v1.json");

    [Fact]
    public async Task The_checked_in_document_is_the_one_the_application_serves()
    {
        var served = await ServedAsync();
        var checkedIn = JsonNode.Parse(await File.ReadAllTextAsync(CheckedInPath, TestContext.Current.CancellationToken));

        var difference = FirstDifference(checkedIn, served, "$");
        Assert.True(difference is null,
            $"{CheckedInPath} is stale: {difference}. Build the solution (dotnet build, Debug) to regenerate it, and commit it.");
    }

    [Fact]
    public async Task Every_tag_in_use_has_a_description()
    {
        var served = await ServedAsync();

        var used = Operations(served)
            .SelectMany(operation => operation["tags"]?.AsArray() ?? [])
            .Select(tag => tag!.GetValue<string>())
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();
        var undescribed = used.Where(tag => !OpenApiTags.Descriptions.ContainsKey(tag)).ToList();

        Assert.NotEmpty(used);
        Assert.True(undescribed.Count == 0, $"Describe these tags in OpenApiTags.Descriptions: {string.Join(", ", undescribed)}.");
        var declared = served["tags"]!.AsArray().ToDictionary(tag => tag!["name"]!.GetValue<string>(), tag => tag!["description"]?.GetValue<string>());
        Assert.All(used, tag => Assert.False(string.IsNullOrWhiteSpace(declared.GetValueOrDefault(tag)), tag));
    }

    [Fact]
    public async Task Every_api_operation_requires_the_bearer_scheme_and_declares_401_and_403()
    {
        var served = await ServedAsync();

        var operations = Operations(served).ToList();
        Assert.NotEmpty(operations);
        Assert.All(operations, operation =>
        {
            var id = operation["operationId"]?.GetValue<string>();
            Assert.True(operation["security"]?.AsArray().Any(requirement => requirement?["Bearer"] is not null) == true, $"{id}: no Bearer requirement");
            Assert.True(operation["responses"]?["401"] is not null, $"{id}: no 401");
            Assert.True(operation["responses"]?["403"] is not null, $"{id}: no 403");
        });
    }

    [Fact]
    public async Task Problem_responses_use_the_component_schemas_and_no_number_is_a_string()
    {
        var served = await ServedAsync();

        foreach (var operation in Operations(served))
        {
            foreach (var (status, response) in operation["responses"]!.AsObject())
            {
                if (response?["content"]?["application/problem+json"] is { } problem)
                {
                    var reference = problem["schema"]?["$ref"]?.GetValue<string>();
                    Assert.True(reference is "#/components/schemas/ProblemDetails" or "#/components/schemas/HttpValidationProblemDetails",
                        $"{operation["operationId"]} {status}: problem+json with schema {problem["schema"]?.ToJsonString()}");
                }
            }
        }

        var text = served.ToJsonString();
        Assert.DoesNotContain("""["integer","string"]""", text, StringComparison.Ordinal);
        Assert.DoesNotContain("""["number","string"]""", text, StringComparison.Ordinal);
    }

    private async Task<JsonNode> ServedAsync()
    {
        using var client = fixture.Require().CreateApiClient(token: null);
        var json = await client.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative), TestContext.Current.CancellationToken);
        return JsonNode.Parse(json) ?? throw new InvalidOperationException("The served document is empty.");
    }

    private static IEnumerable<JsonObject> Operations(JsonNode document) =>
        document["paths"]!.AsObject()
            .SelectMany(path => path.Value!.AsObject())
            .Where(entry => entry.Key is "get" or "put" or "post" or "delete" or "patch" or "head" or "options" or "trace")
            .Select(entry => entry.Value!.AsObject());

    /// <summary>The first place where the two documents differ (JSON path and both values), or null; key order does not count.</summary>
    internal static string? FirstDifference(JsonNode? expected, JsonNode? actual, string path)
    {
        switch (expected, actual)
        {
            case (null, null):
                return null;
            case (JsonObject e, JsonObject a):
                foreach (var key in e.Select(p => p.Key).Union(a.Select(p => p.Key), StringComparer.Ordinal))
                {
                    if (!e.ContainsKey(key) || !a.ContainsKey(key))
                    {
                        return $"{path}.{key} is {(e.ContainsKey(key) ? "only in the checked-in file" : "only in the served document")}";
                    }

                    if (FirstDifference(e[key], a[key], $"{path}.{key}") is { } inner)
                    {
                        return inner;
                    }
                }

                return null;
            case (JsonArray e, JsonArray a):
                for (var i = 0; i < Math.Max(e.Count, a.Count); i++)
                {
                    if (i >= e.Count || i >= a.Count)
                    {
                        return $"{path} has {e.Count} items in the checked-in file, {a.Count} served";
                    }

                    if (FirstDifference(e[i], a[i], $"{path}[{i}]") is { } inner)
                    {
                        return inner;
                    }
                }

                return null;
            default:
                return JsonNode.DeepEquals(expected, actual)
                    ? null
                    : $"{path} is {expected?.ToJsonString() ?? "null"} in the checked-in file, {actual?.ToJsonString() ?? "null"} served";
        }
    }
}
