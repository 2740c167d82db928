using System.Text.Json.Nodes;
using Reciproca.Web.Tests.Support;

namespace Reciproca.Web.Tests.Contract;

/// <summary>One operation of the checked-in OpenAPI document.</summary>
public sealed record ContractOperation(string Method, string Path, JsonObject Node)
{
    public string Id => Node["operationId"]?.GetValue<string>() ?? $"{Method} {Path}";

    public IEnumerable<JsonObject> Parameters => (Node["parameters"]?.AsArray() ?? []).OfType<JsonObject>();

    public IEnumerable<JsonObject> ParametersIn(string location) =>
        Parameters.Where(p => p["in"]?.GetValue<string>() == location);

    /// <summary>The schema of the JSON request body, or null when the operation takes none.</summary>
    public JsonNode? JsonBody => Node["requestBody"]?["content"]?["application/json"]?["schema"];

    public IReadOnlySet<int> Responses => (Node["responses"]?.AsObject() ?? []).Select(r => int.Parse(r.Key, System.Globalization.CultureInfo.InvariantCulture)).ToHashSet();

    /// <summary>The path with each parameter replaced by a real value.</summary>
    public string UrlWith(IReadOnlyDictionary<string, string> values) =>
        System.Text.RegularExpressions.Regex.Replace(Path, "\\{(?<name>[^}]+)\\}",
            m => values.TryGetValue(m.Groups["name"].Value, out var value) ? value : throw new InvalidOperationException($"No value for {{{m.Groups["name"].Value}}} in {Path}."));

    public override string ToString() => $"{Id} ({Method} {Path})";
}

/// <summary>
/// Reads the checked-in document (src/Reciproca.Web/openapi/v1.json, the one the application serves: see
/// OpenApiContractTests), so that the contract tests cover each operation it lists, including ones added later.
/// </summary>
public static class ContractDocument
{
    private static readonly string[] _methods = ["get", "post", "put", "delete", "patch"];

    public static JsonObject Document { get; } = JsonNode.Parse(File.ReadAllText(
        Path.Combine(TestEnvironment.RepositoryRoot, "src", "Reciproca.Web", "openapi", "v1.json")))!.AsObject();

    public static IReadOnlyList<ContractOperation> Operations { get; } =
    [
        .. Document["paths"]!.AsObject().SelectMany(path => path.Value!.AsObject()
            .Where(op => _methods.Contains(op.Key))
            .Select(op => new ContractOperation(op.Key.ToUpperInvariant(), path.Key, op.Value!.AsObject()))),
    ];

    /// <summary>Follows <c>$ref</c> and picks the non-null branch of <c>oneOf: [null, X]</c>.</summary>
    public static JsonObject Resolve(JsonNode? schema)
    {
        var node = schema?.AsObject() ?? throw new InvalidOperationException("No schema.");
        while (true)
        {
            if (node["$ref"]?.GetValue<string>() is { } reference)
            {
                node = Document["components"]!["schemas"]![reference.Split('/')[^1]]!.AsObject();
            }
            else if (node["oneOf"] is JsonArray branches)
            {
                node = branches.OfType<JsonObject>().First(b => b["type"]?.ToString() != "null");
            }
            else
            {
                return node;
            }
        }
    }

    /// <summary>The schema's type, leaving out "null" from <c>["null", "string"]</c>.</summary>
    public static string? TypeOf(JsonObject schema) => schema["type"] switch
    {
        JsonArray types => types.Select(t => t!.GetValue<string>()).FirstOrDefault(t => t != "null"),
        JsonValue type => type.GetValue<string>(),
        _ => schema["properties"] is not null ? "object" : null,
    };

    /// <summary>A value the schema accepts: every property filled, arrays of one item.</summary>
    public static JsonNode? Sample(JsonNode? schema, int depth = 0)
    {
        var resolved = Resolve(schema);
        if (resolved["enum"] is JsonArray values)
        {
            return values[0]!.DeepClone();
        }

        return TypeOf(resolved) switch
        {
            "string" => resolved["format"]?.GetValue<string>() switch
            {
                "date" => "2027-01-31",
                "date-time" => "2027-01-31T09:00:00Z",
                "uuid" => Guid.NewGuid().ToString(),
                _ => "x",
            },
            "integer" or "number" => 1,
            "boolean" => true,
            "array" => depth > 4 ? new JsonArray() : new JsonArray(Sample(resolved["items"], depth + 1)),
            "object" => SampleObject(resolved, depth),
            _ => null,
        };
    }

    private static JsonObject SampleObject(JsonObject schema, int depth)
    {
        var sample = new JsonObject();
        if (depth > 4)
        {
            return sample;
        }

        foreach (var (name, property) in schema["properties"]?.AsObject() ?? [])
        {
            sample[name] = Sample(property, depth + 1);
        }

        return sample;
    }

    /// <summary>
    /// The places in a body (as JSON paths the way System.Text.Json reports them: <c>goals[0].direction</c>) whose
    /// schema is an enum, a date, a uuid or an integer, each with values of the wrong shape for it.
    /// </summary>
    public static IEnumerable<(string Path, string Kind, JsonNode Wrong)> Typed(JsonNode? schema, string prefix = "", int depth = 0)
    {
        var resolved = Resolve(schema);
        if (depth > 3)
        {
            yield break;
        }

        if (resolved["enum"] is not null)
        {
            yield return (prefix, "enum", "Maybe");
            // Enums travel as their names only: a number, even one that is a member's value, is refused.
            yield return (prefix, "enum as a number", 0);
            yield return (prefix, "enum as a number", 7);
            yield break;
        }

        switch (TypeOf(resolved), resolved["format"]?.GetValue<string>())
        {
            case ("string", "date"):
                yield return (prefix, "date", "31/01/2027");
                break;
            case ("string", "date-time"):
                yield return (prefix, "date-time", "31/01/2027 09:00");
                break;
            case ("string", "uuid"):
                yield return (prefix, "uuid", "not-a-uuid");
                break;
            case ("integer", _):
                yield return (prefix, "integer", "abc");
                break;
            case ("array", _):
                foreach (var inner in Typed(resolved["items"], $"{prefix}[0]", depth + 1))
                {
                    yield return inner;
                }

                break;
            case ("object", _):
                foreach (var (name, property) in resolved["properties"]?.AsObject() ?? [])
                {
                    foreach (var inner in Typed(property, prefix.Length == 0 ? name : $"{prefix}.{name}", depth + 1))
                    {
                        yield return inner;
                    }
                }

                break;
        }
    }

    /// <summary>Sets the value at a path produced by <see cref="Typed"/>.</summary>
    public static JsonNode With(JsonNode body, string path, JsonNode value)
    {
        var copy = body.DeepClone();
        var segments = System.Text.RegularExpressions.Regex.Matches(path, "[^.\\[\\]]+|\\[\\d+\\]").Select(m => m.Value).ToList();
        var node = copy;
        for (var i = 0; i < segments.Count; i++)
        {
            var last = i == segments.Count - 1;
            var segment = segments[i];
            if (segment.StartsWith('['))
            {
                var index = int.Parse(segment.Trim('[', ']'), System.Globalization.CultureInfo.InvariantCulture);
                if (last)
                {
                    node.AsArray()[index] = value.DeepClone();
                }
                else
                {
                    node = node.AsArray()[index]!;
                }
            }
            else if (last)
            {
                node.AsObject()[segment] = value.DeepClone();
            }
            else
            {
                node = node.AsObject()[segment]!;
            }
        }

        return copy;
    }

    /// <summary>The names of the properties the document marks <c>format: date-time</c>, in any schema.</summary>
    public static IReadOnlySet<string> DateTimeProperties { get; } = Document["components"]!["schemas"]!.AsObject()
        .SelectMany(schema => schema.Value?["properties"]?.AsObject() ?? [])
        .Where(property => property.Value?.ToJsonString().Contains("\"date-time\"", StringComparison.Ordinal) == true)
        .Select(property => property.Key)
        .ToHashSet(StringComparer.Ordinal);
}
