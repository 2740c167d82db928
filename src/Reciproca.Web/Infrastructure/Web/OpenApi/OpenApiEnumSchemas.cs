using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Reciproca.Web.Infrastructure.Web.OpenApi;

/// <summary>
/// Every enum is a string with one spelling: its members as the API's JSON converter writes them (today the
/// JsonStringEnumConverter's member names, e.g. <c>DigitalMentor</c>), never numbers, never a second casing.
/// </summary>
internal sealed class OpenApiEnumSchemas : IOpenApiSchemaTransformer
{
    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        var type = context.JsonTypeInfo.Type;
        var enumType = Nullable.GetUnderlyingType(type) ?? type;
        if (!enumType.IsEnum)
        {
            return Task.CompletedTask;
        }

        var options = context.JsonTypeInfo.Options;
        var names = Enum.GetValues(enumType)
            .Cast<object>()
            .Select(value => JsonSerializer.SerializeToNode(value, enumType, options))
            .OfType<JsonValue>()
            .Where(node => node.GetValueKind() == JsonValueKind.String)
            .Select(node => node.GetValue<string>())
            .Distinct(StringComparer.Ordinal)
            .ToList();

        // The enum's component schema is shared by every use; a nullable use is wrapped in oneOf [null, $ref] where it
        // occurs, so the component itself never admits null (else both branches of that oneOf would).
        schema.Type = JsonSchemaType.String;
        schema.Format = null;
        schema.Enum = [.. names.Select(name => (JsonNode)JsonValue.Create(name))];

        return Task.CompletedTask;
    }
}
