using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;

namespace Reciproca.Web.Infrastructure.Web.OpenApi;

/// <summary>
/// Every protected operation requires the bearer scheme and may answer 401 (no or bad token) and 403 (wrong role or
/// scope) as problem details. Protected: not <c>AllowAnonymous</c>, and either authorization metadata or the fallback
/// policy (every endpoint without metadata needs a signed-in user).
/// </summary>
internal sealed class OpenApiSecurityRequirements : IOpenApiOperationTransformer
{
    public async Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        if (metadata.OfType<IAllowAnonymous>().Any())
        {
            return;
        }

        var fallback = context.ApplicationServices.GetService<IOptions<AuthorizationOptions>>()?.Value.FallbackPolicy;
        if (!metadata.OfType<IAuthorizeData>().Any() && fallback is null)
        {
            return;
        }

        var document = context.Document ?? throw new InvalidOperationException("The operation transformer runs without its document.");
        operation.Security =
        [
            new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(OpenApiDocumentInfo.BearerScheme, document)] = [] },
        ];

        operation.Responses ??= [];
        var problem = await ProblemSchemas.ProblemDetailsAsync(context, cancellationToken);
        operation.Responses.TryAdd("401", ProblemSchemas.Response("Not signed in: no API token, or an unknown, expired or revoked one.", problem));
        operation.Responses.TryAdd("403", ProblemSchemas.Response("Signed in, but without the role or the programme scope this needs.", problem));
    }
}

/// <summary>The ProblemDetails and HttpValidationProblemDetails component schemas, registered once per document.</summary>
internal static class ProblemSchemas
{
    public const string ProblemJson = "application/problem+json";
    public const string ProblemDetailsName = nameof(ProblemDetails);
    public const string ValidationProblemDetailsName = nameof(HttpValidationProblemDetails);

    public static Task<OpenApiSchemaReference> ProblemDetailsAsync(OpenApiOperationTransformerContext context, CancellationToken cancellationToken) =>
        ReferenceAsync(context, typeof(ProblemDetails), ProblemDetailsName, cancellationToken);

    public static Task<OpenApiSchemaReference> ValidationProblemDetailsAsync(OpenApiOperationTransformerContext context, CancellationToken cancellationToken) =>
        ReferenceAsync(context, typeof(HttpValidationProblemDetails), ValidationProblemDetailsName, cancellationToken);

    public static OpenApiResponse Response(string description, IOpenApiSchema schema) => new()
    {
        Description = description,
        Content = new Dictionary<string, OpenApiMediaType> { [ProblemJson] = new() { Schema = schema } },
    };

    private static async Task<OpenApiSchemaReference> ReferenceAsync(OpenApiOperationTransformerContext context, Type type, string name, CancellationToken cancellationToken)
    {
        var document = context.Document ?? throw new InvalidOperationException("The operation transformer runs without its document.");
        document.Components ??= new OpenApiComponents();
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        if (!document.Components.Schemas.ContainsKey(name))
        {
            document.Components.Schemas[name] = await context.GetOrCreateSchemaAsync(type, null, cancellationToken);
        }

        return new OpenApiSchemaReference(name, document);
    }
}
