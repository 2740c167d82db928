using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Reciproca.Web.Infrastructure.Web;

internal sealed class OpenApiDocumentInfo : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info = new OpenApiInfo
        {
            Title = "Reciproca API",
            Version = "v1",
            Description = "Reverse-mentoring programmes: people, programmes, matching. Authenticate with `Authorization: Bearer <token>`.",
        };
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes["Bearer"] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "An API token created by an administrator.",
        };
        return Task.CompletedTask;
    }
}
