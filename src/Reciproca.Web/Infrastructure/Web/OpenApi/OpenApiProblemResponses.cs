using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Reciproca.Web.Infrastructure.Web.OpenApi;

/// <summary>
/// Every <c>application/problem+json</c> response refers to one of the two component schemas (a 400 to
/// HttpValidationProblemDetails, which adds <c>errors</c> by field; others to ProblemDetails) instead of an inline
/// copy or no schema at all, so that clients get one problem type.
/// </summary>
internal sealed class OpenApiProblemResponses : IOpenApiOperationTransformer
{
    public async Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        foreach (var (status, response) in operation.Responses ?? [])
        {
            if (response.Content is null || !response.Content.TryGetValue(ProblemSchemas.ProblemJson, out var media))
            {
                continue;
            }

            if (media.Schema is OpenApiSchemaReference { Reference.Id: ProblemSchemas.ProblemDetailsName or ProblemSchemas.ValidationProblemDetailsName })
            {
                continue;
            }

            var validation = status == "400" || HasErrors(media.Schema);
            media.Schema = validation
                ? await ProblemSchemas.ValidationProblemDetailsAsync(context, cancellationToken)
                : await ProblemSchemas.ProblemDetailsAsync(context, cancellationToken);
        }
    }

    private static bool HasErrors(IOpenApiSchema? schema) =>
        schema?.Properties?.ContainsKey("errors") == true
        || (schema is OpenApiSchemaReference { Reference.Id: { } id } && id.Contains("Validation", StringComparison.Ordinal));
}
