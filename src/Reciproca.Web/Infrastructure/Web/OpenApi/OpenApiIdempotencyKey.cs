using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Reciproca.Web.Infrastructure.Web.Api;

namespace Reciproca.Web.Infrastructure.Web.OpenApi;

/// <summary>
/// Every operation the idempotency filter covers (<see cref="IdempotencyKeys.Covers"/>: the POSTs under /api/v1 but
/// multipart uploads) documents the optional <c>Idempotency-Key</c> header, the <c>Idempotent-Replayed</c> header of a
/// replayed success, and the 409 and 422 problems of a key in use (ADR 0012).
/// </summary>
internal sealed class OpenApiIdempotencyKey : IOpenApiOperationTransformer
{
    private const string InProgress = "A request with this Idempotency-Key is in progress: retry once it has completed.";
    private const string Reused = "This Idempotency-Key was used for a different request (another method, path or body).";

    public async Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var description = context.Description;
        if (!string.Equals(description.HttpMethod, HttpMethods.Post, StringComparison.OrdinalIgnoreCase)
            || description.RelativePath?.StartsWith("api/v1/", StringComparison.Ordinal) != true
            || !IdempotencyKeys.Covers(description.ActionDescriptor.EndpointMetadata))
        {
            return;
        }

        operation.Parameters ??= [];
        operation.Parameters.Add(new OpenApiParameter
        {
            Name = IdempotencyKeys.HeaderName,
            In = ParameterLocation.Header,
            Required = false,
            Description = "Optional. A value unique to this request (e.g. a UUID), 1 to 255 printable ASCII characters. A retry with "
                + "the same key and the same request (method, path, body) within the retention (24 hours by default) gets the first "
                + "successful answer again, with `Idempotent-Replayed: true`, instead of running twice. A failed answer is not kept: "
                + "fix the request and retry with the same key.",
            Schema = new OpenApiSchema { Type = JsonSchemaType.String, MinLength = 1, MaxLength = IdempotencyKeys.MaxKeyLength },
        });

        operation.Responses ??= [];
        foreach (var (status, response) in operation.Responses)
        {
            if (status.StartsWith('2') && response is OpenApiResponse success)
            {
                success.Headers ??= new Dictionary<string, IOpenApiHeader>();
                success.Headers[IdempotencyKeys.ReplayedHeader] = new OpenApiHeader
                {
                    Description = "`true` when this is the stored answer to an earlier request with the same Idempotency-Key.",
                    Schema = new OpenApiSchema { Type = JsonSchemaType.String },
                };
            }
        }

        var problem = await ProblemSchemas.ProblemDetailsAsync(context, cancellationToken);
        AddOrExtend(operation.Responses, "409", InProgress, problem);
        AddOrExtend(operation.Responses, "422", Reused, problem);
        operation.Responses.TryAdd("400", ProblemSchemas.Response(
            "The request is not valid (an invalid Idempotency-Key among others).",
            await ProblemSchemas.ValidationProblemDetailsAsync(context, cancellationToken)));
    }

    // An operation that already answers 409 for its own reasons keeps them; the key's reason is added to the description.
    private static void AddOrExtend(OpenApiResponses responses, string status, string reason, IOpenApiSchema problem)
    {
        if (responses.TryGetValue(status, out var existing) && existing is OpenApiResponse response)
        {
            response.Description = string.IsNullOrWhiteSpace(response.Description)
                ? reason
                : $"{response.Description.TrimEnd('.')}; or: {char.ToLowerInvariant(reason[0])}{reason[1..]}";
            return;
        }

        responses[status] = ProblemSchemas.Response(reason, problem);
    }
}
