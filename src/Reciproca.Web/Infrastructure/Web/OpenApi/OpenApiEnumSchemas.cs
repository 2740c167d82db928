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
        var underlying = Nullable.GetUnderlyingType(type);
        var enumType = underlying ?? type;
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

        schema.Type = underlying is null ? JsonSchemaType.String : JsonSchemaType.String | JsonSchemaType.Null;
        schema.Format = null;
        schema.Enum = [.. names.Select(name => (JsonNode)JsonValue.Create(name))];
        if (underlying is not null)
        {
            schema.Enum.Add(null!);
        }

        return Task.CompletedTask;
    }
}
