using Microsoft.OpenApi;

namespace Reciproca.Web.Features.People.Import;

/// <summary>
/// The multipart parts of <c>POST /api/v1/people/import</c>, described for the OpenAPI document. The endpoint reads
/// the form itself (so that each missing or malformed part gets its own message), so the framework cannot infer them.
/// </summary>
internal static class ImportForm
{
    public static void Describe(OpenApiOperation operation)
    {
        var schema = new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Required = new HashSet<string> { "file", "mapping" },
            Properties = new Dictionary<string, IOpenApiSchema>
            {
                ["file"] = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary", Description = "The CSV export of the HR system (UTF-8 or Windows-1252; separator, quoting and line endings are detected)." },
                ["mapping"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "A JSON object from target field to column header, e.g. {\"externalId\":\"EmployeeNumber\",\"age\":\"Age\"}." },
                ["culture"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "The culture of the file's dates and numbers, e.g. it-IT (ISO dates are always read)." },
                ["ageReferenceDate"] = new OpenApiSchema { Type = JsonSchemaType.String, Format = "date", Description = "When the file has ages instead of birth dates: the date the ages refer to." },
            },
        };
        operation.RequestBody = new OpenApiRequestBody
        {
            Required = true,
            Content = new Dictionary<string, OpenApiMediaType> { ["multipart/form-data"] = new() { Schema = schema } },
        };
    }
}
