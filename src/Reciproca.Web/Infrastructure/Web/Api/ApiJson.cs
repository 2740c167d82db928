using System.Text.Json;
using System.Text.Json.Serialization;

namespace Reciproca.Web.Infrastructure.Web.Api;

/// <summary>
/// The one JSON dialect of Reciproca: the API's bodies and the JSON it stores (explanations of pairs). camelCase
/// names; enums as their names ("DigitalMentor", "Exclude"), never their numbers: readable, and stable if members are
/// reordered.
/// </summary>
public static class ApiJson
{
    public static JsonSerializerOptions Options { get; } = Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    /// <summary>Applies the dialect to options the framework owns (the HTTP JSON options).</summary>
    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        // Names only: an integer (7, or "7") could name no member at all, and the document promises names.
        options.Converters.Add(new JsonStringEnumConverter(namingPolicy: null, allowIntegerValues: false));
        // A number is a JSON number: "5" is refused, and the OpenAPI document says "integer", not "integer or string".
        options.NumberHandling = JsonNumberHandling.Strict;
        return options;
    }
}
